/** A complete deal as the CRM posts it to POST /hooks/deals (canonical CSV names), with overrides. */
export function webhookDealBody(o: Record<string, unknown> = {}): string {
  return JSON.stringify({
    deal_id: 'DW0001',
    created_date: '2024-06-30',
    sales_rep_id: 'rep_1',
    industry: 'SaaS',
    region: 'Europe',
    product_type: 'Core',
    lead_source: 'Inbound',
    deal_stage: 'Qualified',
    deal_amount: 25000,
    ...o,
  });
}
