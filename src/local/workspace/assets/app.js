// The local workspace page script (no framework): redraw when the workspace changes, and
// turn the composers, clicks, selects, the Home tab and "Run now" into calls to the server,
// which signs them as Slack would and sends them to the Bolt app. A thread opens in the
// pane on the right without a reload; its ts is in the URL (t=…), so a reload keeps it.
const body = document.body;
const as = body.dataset.as;
const view = body.dataset.view;
const channel = body.dataset.channel;
const currentThread = () => new URLSearchParams(location.search).get('t') || '';

async function post(path, payload) {
  const res = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  });
  const answer = await res.json().catch(() => ({ ok: false, error: `HTTP ${res.status}` }));
  if (!res.ok || answer.ok === false) throw new Error(answer.error || `HTTP ${res.status}`);
  return answer;
}

// A conversation reads bottom up, as in Slack: a pane scrolled to its newest message stays
// there when an answer arrives; one scrolled up to read older messages is left alone.
function keepNewestInView(el, replace, force = false) {
  const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
  replace();
  if (atBottom || force) el.scrollTop = el.scrollHeight;
}
function scrollToNewest() {
  for (const id of ['pane', 'thread-pane']) {
    const el = document.getElementById(id);
    if (el) el.scrollTop = el.scrollHeight;
  }
}
if (view === 'channel') {
  scrollToNewest();
  // again once the charts have loaded and made the list taller
  window.addEventListener('load', scrollToNewest, { once: true });
}

let redrawing = false;
let again = false;
async function redraw() {
  if (redrawing) {
    again = true;
    return;
  }
  redrawing = true;
  try {
    const open = new Set(
      [...document.querySelectorAll('details.json[open]')].map(
        (d) => d.closest('.msg')?.dataset.ts,
      ),
    );
    const res = await fetch(`/partial${location.search}`, { cache: 'no-store' });
    if (!res.ok) return;
    const parts = await res.json();
    document.getElementById('sidebar').innerHTML = parts.sidebar;
    const pane = document.getElementById('pane');
    keepNewestInView(pane, () => {
      pane.innerHTML = parts.pane;
    });
    const aside = document.getElementById('thread');
    if (aside) {
      const threadPane = document.getElementById('thread-pane');
      const opening = body.dataset.thread !== currentThread();
      keepNewestInView(
        threadPane,
        () => {
          threadPane.innerHTML = parts.thread;
        },
        opening,
      );
      aside.hidden = !parts.thread;
      body.dataset.thread = parts.thread ? currentThread() : '';
    }
    for (const d of document.querySelectorAll('details.json')) {
      if (open.has(d.closest('.msg')?.dataset.ts)) d.open = true;
    }
    body.dataset.version = String(parts.version);
  } finally {
    redrawing = false;
    if (again) {
      again = false;
      void redraw();
    }
  }
}

function status(text, isError, where = 'composer-status') {
  const el = document.getElementById(where) || document.getElementById('job-result');
  if (!el) return;
  el.textContent = text;
  el.classList.toggle('error', Boolean(isError));
}

const events = new EventSource('/events');
events.onmessage = () => void redraw();

document.getElementById('act-as').addEventListener('change', (event) => {
  const params = new URLSearchParams(location.search);
  params.set('as', event.target.value);
  location.search = params.toString();
});

// A slash command goes as a command; anything else is a message (in the thread when typed
// in the thread pane), which Slack would deliver to dealfit as Events API events.
function wireComposer(id, thread) {
  const form = document.getElementById(id);
  if (!form) return;
  const statusId = `${id}-status`;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = document.getElementById(`${id}-input`);
    const text = input.value.trim();
    if (!text) return;
    const threadTs = thread();
    const where = threadTs ? { as, channel, text, thread_ts: threadTs } : { as, channel, text };
    status(`sending ${text} …`, false, statusId);
    try {
      await post(text.startsWith('/') ? '/api/command' : '/api/message', where);
      status(`sent ${text}`, false, statusId);
      input.value = '';
    } catch (error) {
      status(error.message, true, statusId);
    }
  });
}
wireComposer('composer', () => '');
wireComposer('thread-composer', currentThread);

function showThread(ts) {
  const params = new URLSearchParams(location.search);
  if (ts) params.set('t', ts);
  else params.delete('t');
  history.pushState(null, '', `?${params.toString()}`);
  void redraw().then(() => {
    if (ts) document.getElementById('thread-composer-input')?.focus();
  });
}
window.addEventListener('popstate', () => void redraw());

// where a failed click is said: under the composer of the pane it happened in
const statusFor = (el) => (el.closest('#thread') ? 'thread-composer-status' : 'composer-status');

function clickTarget(el) {
  const msg = el.closest('.msg');
  const target = {
    as,
    channel: msg?.dataset.channel || channel,
    ts: msg?.dataset.ts || '',
    ephemeral: msg?.dataset.ephemeral === '1',
  };
  // an ephemeral is not stored as a message: the page says which thread it is in
  if (msg?.dataset.thread) target.thread_ts = msg.dataset.thread;
  return target;
}

document.addEventListener('click', async (event) => {
  const open = event.target.closest('a[data-open-thread]');
  if (open) {
    event.preventDefault();
    showThread(open.dataset.openThread);
    return;
  }
  if (event.target.closest('a[data-close-thread]')) {
    event.preventDefault();
    showThread('');
    return;
  }
  const button = event.target.closest('button[data-action]');
  if (button) {
    const element = JSON.parse(button.dataset.action);
    element.text = button.textContent;
    button.disabled = true;
    try {
      await post('/api/action', { ...clickTarget(button), element });
    } catch (error) {
      status(error.message, true, statusFor(button));
    } finally {
      button.disabled = false;
    }
    return;
  }
  const run = event.target.closest('button[data-run-job]');
  if (run) {
    const name = run.dataset.runJob;
    run.disabled = true;
    status(`running ${name} …`);
    try {
      const result = await post(`/api/jobs/${encodeURIComponent(name)}/run`, {});
      status(`${name}: ${result.status}${result.text ? ` — ${result.text}` : ''}`);
      await redraw();
    } catch (error) {
      status(`${name}: ${error.message}`, true);
    } finally {
      run.disabled = false;
    }
  }
});

document.addEventListener('change', async (event) => {
  const select = event.target.closest('select[data-action]');
  if (!select) return;
  const element = JSON.parse(select.dataset.action);
  const option = select.selectedOptions[0];
  element.selected = { value: select.value, text: option ? option.textContent : select.value };
  try {
    await post('/api/action', { ...clickTarget(select), element });
  } catch (error) {
    status(error.message, true, statusFor(select));
  }
});

if (view === 'home') {
  post('/api/home', { as }).catch((error) => status(error.message, true));
}
if (view === 'jobs') {
  setInterval(() => void redraw(), 5000);
}
