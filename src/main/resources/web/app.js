// The Auditcover console: plain ES modules over the REST API. The chart library is uPlot, served from
// the classpath (WebJar), never from a CDN.
import uPlot from '/webjars/uplot/1.6.30/dist/uPlot.esm.js';

const state = { token: sessionStorage.getItem('auditcover.token'), address: sessionStorage.getItem('auditcover.address'),
  role: sessionStorage.getItem('auditcover.role'), pools: [], protocols: [] };

async function api(path, options = {}) {
  const headers = { 'Accept': 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (state.token) headers['Authorization'] = 'Bearer ' + state.token;
  Object.assign(headers, options.headers || {});
  const response = await fetch(path, { method: options.method || 'GET', headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const data = await response.json();
  if (!response.ok) {
    const error = new Error(data.message || data.error);
    error.code = data.error;
    error.status = response.status;
    throw error;
  }
  return data;
}

function notice(text, kind) {
  const element = document.getElementById('notice');
  element.textContent = text;
  element.className = kind || '';
}

function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === 'class') element.className = value; else element.setAttribute(key, value);
  }
  for (const child of children) element.append(child instanceof Node ? child : String(child));
  return element;
}

const money = (m) => `${Number(m.amount).toLocaleString('en-US', { maximumFractionDigits: 6 })} ${m.asset}`;

// ---- sign-in with Ethereum (EIP-4361) through window.ethereum's personal_sign

/**
 * The message names this page's host and origin, the chain the server signs in on and the time by the server's clock (both
 * come with the nonce, so a browser whose clock is off still signs in).
 */
function siweMessage(address, nonce, chainId, serverTime) {
  const issued = new Date(serverTime);
  const expires = new Date(issued.getTime() + 10 * 60 * 1000);
  return `${location.host} wants you to sign in with your Ethereum account:\n${address}\n\n`
    + `Sign in to the Auditcover console.\n\nURI: ${location.origin}\nVersion: 1\nChain ID: ${chainId}\nNonce: ${nonce}\n`
    + `Issued At: ${issued.toISOString()}\nExpiration Time: ${expires.toISOString()}`;
}

function toHex(text) {
  return '0x' + Array.from(new TextEncoder().encode(text), (b) => b.toString(16).padStart(2, '0')).join('');
}

async function signIn() {
  if (!window.ethereum) {
    notice('No Ethereum wallet found in this browser.', 'error');
    return;
  }
  try {
    const [address] = await window.ethereum.request({ method: 'eth_requestAccounts' });
    const { nonce, chain_id: chainId, server_time: serverTime } = await api('/api/auth/nonce');
    const message = siweMessage(address, nonce, chainId, serverTime);
    const signature = await window.ethereum.request({ method: 'personal_sign', params: [toHex(message), address] });
    state.token = null;
    const session = await api('/api/auth/siwe', { method: 'POST', body: { message, signature } });
    state.token = session.token;
    state.address = session.address;
    state.role = session.role;
    sessionStorage.setItem('auditcover.token', session.token);
    sessionStorage.setItem('auditcover.address', session.address);
    sessionStorage.setItem('auditcover.role', session.role);
    notice(`Signed in as ${session.address} (${session.role}).`, 'ok');
    showWallet();
    await refresh();
  } catch (error) {
    notice('Sign-in failed: ' + error.message, 'error');
  }
}

function signOut() {
  state.token = null;
  state.address = null;
  state.role = null;
  sessionStorage.clear();
  showWallet();
  refresh();
}

function showWallet() {
  document.getElementById('who').textContent = state.address ? state.address : 'not signed in';
  document.getElementById('sign-in').hidden = !!state.address;
  document.getElementById('sign-out').hidden = !state.address;
}

// ---- views

function barChart(title, labels, series, width = 320) {
  const xs = labels.map((_, i) => i);
  const colors = ['#14213d', '#fca311', '#2a9d8f'];
  const options = {
    title, width, height: 180, legend: { show: false },
    scales: { x: { time: false, range: [-0.5, labels.length - 0.5] }, y: { range: (u, min, max) => [0, Math.max(1, max * 1.1)] } },
    axes: [{ values: (u, splits) => splits.map((v) => labels[v] ?? ''), splits: () => xs }, { size: 84 }],
    series: [{}, ...series.map((s, i) => ({ label: s.label, fill: colors[i % 3], stroke: colors[i % 3],
      paths: uPlot.paths.bars({ size: [0.6 / series.length, 60], align: 0 }), points: { show: false } }))],
  };
  const holder = el('div', { class: 'chart' });
  new uPlot(options, [xs, ...series.map((s) => s.values)], holder);
  return holder;
}

async function loadOverview() {
  const { items } = await api('/api/pools?limit=100');
  state.pools = items;
  const container = document.getElementById('pools');
  container.replaceChildren();
  const cards = el('div', { class: 'cards' });
  for (const pool of items) {
    const figures = el('dl', { class: 'figures' });
    for (const [name, value] of [['Capital', money(pool.capital)], ['Locked', money(pool.locked)], ['Free', money(pool.free)],
      ['NAV per share', money(pool.nav_per_share)], ['Premiums earned', money(pool.premiums_earned)],
      ['Paid out', money(pool.paid_out)], ['Active cover', money(pool.active_cover)]]) {
      figures.append(el('dt', {}, name), el('dd', {}, value));
    }
    const card = el('div', { class: 'card pool', 'data-pool': pool.id }, el('h3', {}, `${pool.id} (${pool.asset})`), figures);
    card.append(barChart('Capital', ['capital', 'locked', 'free'],
      [{ label: pool.asset, values: [pool.capital, pool.locked, pool.free].map((m) => Number(m.amount)) }]));
    card.append(barChart('Exposure by protocol', pool.exposure.map((l) => l.protocol_id),
      [{ label: 'active cover', values: pool.exposure.map((l) => Number(l.active_cover.amount)) }]));
    cards.append(card);
  }
  container.append(cards);
}

async function loadProtocols() {
  const { items } = await api('/api/protocols?limit=100');
  state.protocols = items;
  const table = el('table', {}, el('thead', {}, el('tr', {}, ...['Protocol', 'Category', 'Coverage', 'Contracts', 'Audits',
    'Listed in'].map((h) => el('th', {}, h)))));
  const body = el('tbody');
  for (const p of items) {
    body.append(el('tr', {}, el('td', {}, p.name), el('td', {}, p.category), el('td', {}, p.coverage_status.replace('_', ' ')),
      el('td', {}, p.contracts.map((c) => `${c.address.slice(0, 10)}… ${c.in_audit_scope ? 'in scope' : 'NOT in scope'}`).join(', ')),
      el('td', {}, p.audits.map((a) => `${a.auditor} ${a.date} (${a.findings.length} findings)`).join('; ')),
      el('td', {}, p.listings.map((l) => `${l.pool_id} @ ${l.annual_rate_bps} bps/yr`).join(', '))));
  }
  table.append(body);
  document.getElementById('protocol-list').replaceChildren(table);
  const poolSelect = document.getElementById('quote-pool');
  const protocolSelect = document.getElementById('quote-protocol');
  if (!poolSelect.options.length) {
    for (const pool of state.pools) poolSelect.append(el('option', { value: pool.id }, `${pool.id} (${pool.asset})`));
    for (const p of items) protocolSelect.append(el('option', { value: p.id }, p.name));
  }
}

async function quote(event) {
  event.preventDefault();
  const pool = state.pools.find((p) => p.id === document.getElementById('quote-pool').value);
  const request = { pool_id: pool.id, protocol_id: document.getElementById('quote-protocol').value,
    amount: document.getElementById('quote-amount').value.trim(), asset: pool.asset,
    period_days: document.getElementById('quote-days').value.trim() };
  const target = document.getElementById('quote');
  try {
    const q = await api('/api/quotes?' + new URLSearchParams(request));
    const buy = el('button', { id: 'buy-button', type: 'button' }, 'Buy this cover');
    buy.addEventListener('click', () => buyCover(request, pool));
    target.replaceChildren(el('p', { id: 'quote-premium' }, `Premium ${money(q.premium)} for ${money(q.amount)} over ${q.period_days} days`),
      el('ul', { class: 'breakdown' }, ...q.breakdown.map((c) => el('li', {}, `${c.name}: ${money(c.amount)} (${c.basis})`))),
      el('p', { class: 'hint' }, `Up to ${money(q.max_amount)} fits now. Model ${q.model}.`), buy);
  } catch (error) {
    target.replaceChildren(el('p', { class: 'error' }, `${error.code}: ${error.message}`));
  }
}

/**
 * The wallet the cover insures, when the buyer names one other than its own (as typed: capitals must be its EIP-55
 * checksum), with that wallet's signed consent (GET /api/consents/statement) when it is not the buyer's own.
 */
function insuredWallet() {
  const wallet = document.getElementById('quote-wallet').value.trim();
  if (!wallet) return {};
  const signature = document.getElementById('quote-consent').value.trim();
  const validUntil = document.getElementById('quote-consent-until').value.trim();
  return signature ? { wallet, wallet_consent: { signature, valid_until: validUntil } } : { wallet };
}

async function buyCover(request, pool) {
  if (!state.token) {
    notice('Sign in with your wallet to buy cover.', 'error');
    return;
  }
  try {
    const cover = await api('/api/covers', { method: 'POST', headers: { 'Idempotency-Key': crypto.randomUUID() },
      body: { pool_id: request.pool_id, protocol_id: request.protocol_id, amount: { amount: request.amount, asset: pool.asset },
        period_days: Number(request.period_days), ...insuredWallet() } });
    notice(`Cover #${cover.id} bought: ${money(cover.amount)} on ${cover.protocol_id}, premium ${money(cover.premium)}.`, 'ok');
    location.hash = '#covers';
  } catch (error) {
    notice(`Purchase refused (${error.code}): ${error.message}`, 'error');
  }
}

async function loadCovers() {
  const body = document.querySelector('#cover-table tbody');
  body.replaceChildren();
  if (!state.token) return;
  const { items } = await api('/api/covers?limit=500');
  for (const c of items) {
    body.append(el('tr', { 'data-cover': c.id }, el('td', {}, c.id), el('td', {}, c.holder), el('td', {}, c.pool_id),
      el('td', {}, c.protocol_id), el('td', { class: 'num' }, money(c.amount)), el('td', { class: 'num' }, money(c.premium)),
      el('td', {}, c.end.slice(0, 10)), el('td', {}, c.status)));
  }
}

const words = (code) => code.replaceAll('_', ' ');
const optionalMoney = (m) => (m ? money(m) : '—');

async function loadIncidents() {
  const { items } = await api('/api/incidents?limit=500');
  const body = document.querySelector('#incident-table tbody');
  body.replaceChildren();
  for (const i of items) {
    const action = el('td');
    if (!i.settled_at && (i.status === 'final' || i.status === 'rejected') && state.token) {
      const settle = el('button', { type: 'button', class: 'settle' }, i.status === 'final' ? 'Settle' : 'Close');
      settle.addEventListener('click', () => settleIncident(i.id));
      action.append(settle);
    }
    body.append(el('tr', { 'data-incident': i.id }, el('td', {}, i.id), el('td', {}, i.protocol_id), el('td', {}, words(i.cause)),
      el('td', {}, `${i.from_block}–${i.to_block}`), el('td', { class: 'num' }, `${money(i.estimated_loss)} (${i.loss_share_bps / 100} % of the protocol)`),
      el('td', {}, `${i.signers.length} of ${i.oracles} signed (k = ${i.threshold})${i.disputers.length ? `, ${i.disputers.length} disputed` : ''}`),
      el('td', { class: 'status' }, i.status), el('td', {}, i.settled_at ? i.settled_at.slice(0, 16).replace('T', ' ')
        : i.settled_pools.length ? `pools ${i.settled_pools.join(', ')}; others wait` : 'no'), action));
  }
}

async function settleIncident(id) {
  try {
    const result = await api(`/api/incidents/${encodeURIComponent(id)}/settlement`, { method: 'POST',
      headers: { 'Idempotency-Key': crypto.randomUUID() }, body: {} });
    notice(`Incident ${id} settled for ${result.settled_pools.join(', ')}${result.complete ? '' : ' (other pools still wait)'}: `
      + `${result.claims_decided} claims decided, ${result.claims_paid} paid.`, 'ok');
  } catch (error) {
    notice(`Settlement refused (${error.code}): ${error.message}`, 'error');
  }
  await loadIncidents();
}

async function loadClaims() {
  const body = document.querySelector('#claim-table tbody');
  body.replaceChildren();
  document.getElementById('explanation').replaceChildren();
  if (!state.token) return;
  const { items } = await api('/api/claims?limit=500');
  for (const c of items) {
    const actions = el('td');
    const explain = el('button', { type: 'button', class: 'explain' }, 'Explain');
    explain.addEventListener('click', () => showExplanation(c.id));
    actions.append(explain);
    if (c.assessment && c.assessment.phase === 'voting' && state.role === 'assessor') {
      for (const accept of [true, false]) {
        const vote = el('button', { type: 'button', class: accept ? 'vote-accept' : 'vote-deny' }, accept ? 'Accept' : 'Deny');
        vote.addEventListener('click', () => castVote(c.id, accept));
        actions.append(vote);
      }
    }
    const stage = c.assessment ? `${words(c.stage)} (${c.assessment.accept_weight} accept, ${c.assessment.deny_weight} deny)` : words(c.stage);
    body.append(el('tr', { 'data-claim': c.id }, el('td', {}, c.id), el('td', {}, c.cover_id), el('td', {}, c.incident_id),
      el('td', {}, c.kind), el('td', {}, stage), el('td', { class: 'num' }, optionalMoney(c.claimed_loss)),
      el('td', { class: 'num' }, optionalMoney(c.proven_loss)), el('td', { class: 'num' }, money(c.approved)),
      el('td', { class: 'num' }, money(c.paid)), el('td', {}, words(c.reason_code)), actions));
  }
}

async function showExplanation(claimId) {
  const target = document.getElementById('explanation');
  try {
    const e = await api(`/api/claims/${claimId}/explanation`);
    const rows = e.rules.map((r) => el('tr', { class: `verdict-${r.verdict}` }, el('td', {}, r.order), el('td', {}, words(r.rule)),
      el('td', {}, r.verdict), el('td', {}, words(r.reason_code)),
      el('td', {}, el('ul', { class: 'facts' }, ...Object.entries(r.facts).map(([k, v]) => el('li', {}, `${words(k)}: ${v}`))))));
    target.replaceChildren(el('h3', {}, `Claim #${claimId}: ${words(e.claim.reason_code)}, paid ${money(e.claim.paid)}`),
      el('p', { class: 'hint' }, `The rules alone say ${words(e.rules_reason_code)} (${money(e.rules_payout)}).`),
      el('table', { id: 'rule-table' }, el('thead', {}, el('tr', {}, ...['#', 'Rule', 'Verdict', 'Reason', 'Facts used']
        .map((h) => el('th', {}, h)))), el('tbody', {}, ...rows)));
  } catch (error) {
    target.replaceChildren(el('p', { class: 'error' }, `${error.code}: ${error.message}`));
  }
}

async function castVote(claimId, accept) {
  try {
    await api(`/api/claims/${claimId}/votes`, { method: 'POST', headers: { 'Idempotency-Key': crypto.randomUUID() }, body: { accept } });
    notice(`Vote to ${accept ? 'accept' : 'deny'} claim #${claimId} recorded.`, 'ok');
  } catch (error) {
    notice(`Vote refused (${error.code}): ${error.message}`, 'error');
  }
  await loadClaims();
}

async function fileClaim(event) {
  event.preventDefault();
  if (!state.token) {
    notice('Sign in with the wallet that holds the cover to file a claim.', 'error');
    return;
  }
  const coverId = Number(document.getElementById('claim-cover').value.trim());
  try {
    const cover = await api(`/api/covers/${coverId}`);
    const claim = await api('/api/claims', { method: 'POST', headers: { 'Idempotency-Key': crypto.randomUUID() },
      body: { cover_id: coverId, incident_id: document.getElementById('claim-incident').value.trim(),
        claimed_loss: { amount: document.getElementById('claim-loss').value.trim(), asset: cover.amount.asset } } });
    notice(`Claim #${claim.id} filed: ${words(claim.reason_code)}.`, 'ok');
  } catch (error) {
    notice(`Claim refused (${error.code}): ${error.message}`, 'error');
  }
  await loadClaims();
}

async function loadLedger() {
  const head = await api('/api/log/head');
  document.getElementById('log-head').replaceChildren(`Sequence ${head.sequence}, engine time ${head.engine_time}, head hash `,
    el('code', { id: 'head-hash' }, head.hash));
  const { items } = await api('/api/ledger/accounts');
  const body = document.querySelector('#account-table tbody');
  body.replaceChildren(...items.map((a) => el('tr', {}, el('td', {}, a.name), el('td', { class: 'num' }, money(a.balance)))));
}

const loaders = { overview: loadOverview, protocols: async () => { await loadOverviewData(); await loadProtocols(); },
  covers: loadCovers, incidents: loadIncidents, claims: loadClaims, ledger: loadLedger };

async function loadOverviewData() {
  if (!state.pools.length) state.pools = (await api('/api/pools?limit=100')).items;
}

async function refresh() {
  const view = (location.hash || '#overview').slice(1);
  for (const section of document.querySelectorAll('.view')) section.hidden = section.id !== view;
  for (const link of document.querySelectorAll('nav a')) link.classList.toggle('active', link.dataset.view === view);
  try {
    await (loaders[view] || loadOverview)();
  } catch (error) {
    if (error.status === 401 && state.token) signOut();
    notice(`Could not load ${view}: ${error.message}`, 'error');
  }
}

document.getElementById('sign-in').addEventListener('click', signIn);
document.getElementById('sign-out').addEventListener('click', signOut);
document.getElementById('quote-form').addEventListener('submit', quote);
document.getElementById('claim-form').addEventListener('submit', fileClaim);
window.addEventListener('hashchange', refresh);
showWallet();
refresh();
