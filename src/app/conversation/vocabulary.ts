/**
 * Words of the questions themselves: never a value, never "not found", never corrected
 * into a value ("data" is not a near miss of Dana, "more" not of Core).
 */
const WORDS = `
a about above across after again against ago all also am among an and any anyone anything
are around as ask at average away back bad be been before being below best better between
big biggest both breakdown broken bring but by can cant chart check close closed closing
coach coaching colead coleads compare compared comparing conversion could current data
day days deal deals decline declined declining did didnt do does doing done down drive
driven driver drivers driving drop dropped dropping during each else every everyone
everything explain fall fallen falling fell few figure figures fine fit flag flagged for
from full get getting give go going good got great group grouped had half happened has
have having he hello help her here hey hi high higher highest him his how hows i if im in
into is isnt it its just know last latest let lets level like list look looking looks lost
low lower lowest made make many may me mean median more most moved much my need needs new
next no not now number numbers of off on once one only open or other our out over overall
own past per percent percentage perform performance performing please pls plz pull quarter
quarters quick rate rates rating really recent recently red reason related relative right
rise rising risk risky rose same say see segment segments seller sellers show showing since
slip slipping so some split stand standing start started stats status still stuck summary
sure tell than thank thanks that thats the their them then there these they thing things
think this those through thx tied to today top total trend trending trends up us vs versus
very want was we week weeks well went were what whats when where which who whos why will
win winning wins with within won worse worst would year years yellow yes yet you your
green team teams looking lately bit kinda sort please quickly give show numbers rep reps
industry industries region regions product products source sources lead leads channel
channels vertical verticals geo geos territory territories plan plans month months
pipeline velocity momentum audit tier tiers specialist specialists performer performers
forecast predict quota target revenue churn amount amounts size sizes value values
lose loses losing arr mrr acv tcv nps cac ltv roi nrr grr csat ebitda gmv kpi kpis okr okrs qbr
score scored scores scoring rsfs says said saying sure sales salesforce crm question questions dealfit bot hit going doing gonna wanna could should shall might must whether ok okay morning afternoon evening night
`;

export const VOCABULARY: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter(Boolean));
