// The local workspace page script (no framework): redraw when the workspace changes, and
// turn the composer, clicks, selects, the Home tab and "Run now" into calls to the server,
// which signs them as Slack would and sends them to the Bolt app.
const body = document.body;
const as = body.dataset.as;
const view = body.dataset.view;
const channel = body.dataset.channel;

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
    document.getElementById('pane').innerHTML = parts.pane;
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

function status(text, isError) {
  const el = document.getElementById('composer-status') || document.getElementById('job-result');
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

const composer = document.getElementById('composer');
if (composer) {
  composer.addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = document.getElementById('composer-input');
    const text = input.value.trim();
    if (!text) return;
    status(`sending ${text} …`);
    try {
      await post('/api/command', { as, channel, text });
      status(`sent ${text}`);
      input.value = '';
    } catch (error) {
      status(error.message, true);
    }
  });
}

function clickTarget(el) {
  const msg = el.closest('.msg');
  return {
    as,
    channel: msg?.dataset.channel || channel,
    ts: msg?.dataset.ts || '',
    ephemeral: msg?.dataset.ephemeral === '1',
  };
}

document.addEventListener('click', async (event) => {
  const button = event.target.closest('button[data-action]');
  if (button) {
    const element = JSON.parse(button.dataset.action);
    element.text = button.textContent;
    button.disabled = true;
    try {
      await post('/api/action', { ...clickTarget(button), element });
    } catch (error) {
      status(error.message, true);
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
    status(error.message, true);
  }
});

if (view === 'home') {
  post('/api/home', { as }).catch((error) => status(error.message, true));
}
if (view === 'jobs') {
  setInterval(() => void redraw(), 5000);
}
