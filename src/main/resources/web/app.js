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
    // More than three names slant, so that long ones do not run into each other.
    axes: [{ values: (u, splits) => splits.map((v) => labels[v] ?? ''), splits: () => xs, ...(labels.length > 3 ? { rotate: -30, size: 64 } : {}) },
      { size: 84 }],
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
    'Listed in', 'Recorded scope checks'].map((h) => el('th', {}, h)))));
  const body = el('tbody');
  for (const p of items) {
    const checks = p.contracts.flatMap((c) => c.scope_checks || []);
    body.append(el('tr', { 'data-protocol': p.id }, el('td', {}, p.name), el('td', {}, p.category), el('td', {}, p.coverage_status.replace('_', ' ')),
      el('td', {}, p.contracts.map((c) => `${c.address.slice(0, 10)}… ${c.in_audit_scope ? 'in scope' : 'NOT in scope'}`).join(', ')),
      el('td', {}, p.audits.map((a) => `${a.auditor} ${a.date} (${a.findings.length} finding${a.findings.length === 1 ? '' : 's'})`).join('; ')),
      el('td', {}, p.listings.map((l) => `${l.pool_id} @ ${l.annual_rate_bps} bps/yr`).join(', ')),
      el('td', { class: 'recorded-checks' }, checks.length ? el('ul', { class: 'checks' }, ...checks.map((c) => el('li', {}, scopeCheckText(c))))
        : 'none')));
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

/**
 * A recorded scope check or code observation in words: which contract at which block, in scope of which audit or out and why,
 * who recorded it (an operator's check, or a code observation read from a node) and its evidence.
 */
function scopeCheckText(c) {
  const verdict = c.in_scope ? `in scope of ${c.audit_id}` : `out of scope (${words(c.reason)})`;
  const code = c.code_hash ? `, code ${c.code_hash.slice(0, 10)}…${c.implementation ? ` behind ${c.implementation.slice(0, 10)}…` : ''}` : '';
  return `${c.contract} at block ${c.block}: ${verdict}${code}; ${words(c.source)} by ${c.checked_by}, ${c.recorded_at.slice(0, 10)}: ${c.evidence}`;
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

/** What each depositor would recover, before purchase, under the quote form's pool, protocol and amount. */
async function depositorRecovery(event) {
  event.preventDefault();
  const pool = state.pools.find((p) => p.id === document.getElementById('quote-pool').value);
  const request = { pool_id: pool.id, protocol_id: document.getElementById('quote-protocol').value, asset: pool.asset,
    amount: document.getElementById('quote-amount').value.trim(),
    exposed_funds: document.getElementById('depositor-exposed').value.trim(),
    losses: document.getElementById('depositor-losses').value.replace(/\s+/g, '') };
  const target = document.getElementById('depositor-recovery');
  try {
    const r = await api('/api/quotes/depositor-recovery?' + new URLSearchParams(request));
    target.replaceChildren(
      el('p', { id: 'depositor-summary' }, `Losses ${money(r.loss)} of ${money(r.exposed_funds)} exposed: ${money(r.loss_counted)} counted`
        + `${r.average_clause ? ' (average clause: loss × cover ÷ exposed funds)' : ''}, ${money(r.payable)} payable after the deductible`
        + ` of ${money(r.deductible)}.`),
      ...(r.pays_depositors ? [] : [el('p', { class: 'hint' }, 'This listing\'s terms pay the cover\'s holder, not its depositors.')]),
      table('Each depositor', ['Depositor', 'Loss', 'Recovers'], r.depositors.map((d, i) => [String(i + 1),
        el('td', { class: 'num' }, money(d.loss)), el('td', { class: 'num', 'data-recovery': String(i) }, money(d.recovery))])));
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
    if (appealable(c) && state.address === c.holder) {
      const appeal = el('button', { type: 'button', class: 'appeal' }, 'Appeal');
      appeal.addEventListener('click', () => appealClaim(c));
      actions.append(appeal);
    }
    // Three outcomes, each named: a draw is neither an acceptance nor a denial.
    const stage = c.assessment ? `${words(c.stage)} (${c.assessment.accept_weight} accept, ${c.assessment.deny_weight} deny: `
      + `${c.assessment.outcome})` : words(c.stage);
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
        .map((h) => el('th', {}, h)))), el('tbody', {}, ...rows)),
      // where the exploited code's scope came from when it was recorded rather than watched
      e.scope_checks.length ? table('Recorded scope checks and code observations this decision read', ['Contract', 'Block', 'Scope', 'Recorded by',
        'Evidence'], e.scope_checks.map((c) => [c.contract, el('td', { class: 'num' }, c.block),
        c.in_scope ? `in scope of ${c.audit_id}` : `out of scope (${words(c.reason)})`, `${words(c.source)} by ${c.checked_by}, ${c.recorded_at}`,
        c.evidence]), { id: 'scope-check-table', class: 'scope-checks' })
        : el('p', { class: 'hint' }, 'No recorded scope check or code observation: scope came from the chain watcher or the audits.'));
  } catch (error) {
    target.replaceChildren(el('p', { class: 'error' }, `${error.code}: ${error.message}`));
  }
}

/** A claim its holder may appeal: denied by the rules, or by a first panel whose vote is over; never one accepted or drawn. */
function appealable(c) {
  if (c.stage === 'decided' || c.kind !== 'indemnity') return false;
  if (!c.assessment) return c.reason_code !== 'approved' && c.reason_code !== 'needs_assessment';
  return c.assessment.round === 1 && c.assessment.phase !== 'voting' && c.assessment.outcome === 'deny';
}

async function appealClaim(c) {
  const amount = document.getElementById('appeal-bond').value.trim();
  try {
    await api(`/api/claims/${c.id}/appeal`, { method: 'POST', headers: { 'Idempotency-Key': crypto.randomUUID() },
      body: { bond: { amount, asset: c.claimed_loss.asset } } });
    notice(`Claim #${c.id} appealed with a bond of ${amount} ${c.claimed_loss.asset}.`, 'ok');
  } catch (error) {
    notice(`Appeal refused (${error.code}): ${error.message}`, 'error');
  }
  await loadClaims();
}

async function castVote(claimId, accept) {
  const rationale = document.getElementById('vote-rationale').value.trim();
  const body = rationale ? { accept, rationale } : { accept };
  try {
    await api(`/api/claims/${claimId}/votes`, { method: 'POST', headers: { 'Idempotency-Key': crypto.randomUUID() }, body });
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

// ---- the claims register and loss development, for auditors of the insurer (operators' and auditors' keys)

const when = (instant) => (instant ? instant.slice(0, 16).replace('T', ' ') : '—');
const amount = (decimal, asset) => (decimal == null ? '—' : money({ amount: decimal, asset }));

/** Every page of the register, in claim id order. */
async function registerEntries(headers) {
  const entries = [];
  let after = null;
  do {
    const page = await api('/api/claims/register?limit=500' + (after ? `&after=${after}` : ''), { headers });
    entries.push(...page.items);
    after = page.next_after;
  } while (after);
  return entries;
}

async function loadRegister() {
  const claims = document.getElementById('register-claims');
  const development = document.getElementById('loss-development');
  if (!operatorKey) {
    claims.replaceChildren(el('p', { class: 'hint' }, 'Enter an operator\'s or auditor\'s API key to see the register.'));
    development.replaceChildren();
    return;
  }
  const headers = { 'Authorization': 'Bearer ' + operatorKey };
  try {
    const [entries, triangles] = await Promise.all([registerEntries(headers), api('/api/claims/register/loss-development', { headers })]);
    claims.replaceChildren(table(`${entries.length} claim${entries.length === 1 ? '' : 's'}`, ['#', 'Cover', 'Holder', 'Pool', 'Protocol', 'Incident', 'Trigger', 'Stage',
      'Reason', 'Occurred', 'Reported', 'Confirmed', 'Filed', 'Decided', 'Paid at', 'Claimed', 'Proven', 'Approved', 'Paid', 'Deductible',
      'Shortfall', 'Recovered'], [], { id: 'register-table' }));
    const body = claims.querySelector('tbody');
    for (const e of entries) {
      const d = e.dates;
      const a = e.amounts;
      body.append(el('tr', { 'data-claim': e.claim_id }, ...[e.claim_id, e.cover_id, e.holder, e.pool_id, e.protocol_id, e.incident_id,
        e.trigger, words(e.stage), e.reason_code, when(d.occurred), when(d.reported), when(d.confirmed), when(d.filed), when(d.decided),
        when(d.paid)].map((c) => el('td', {}, c)), ...[a.claimed, a.proven, a.approved, a.paid, a.deductible, a.shortfall, a.recovered]
        .map((m) => el('td', { class: 'num' }, amount(m, e.asset)))));
    }
    development.replaceChildren(...(triangles.triangles.length ? triangles.triangles.map((t) => table(
      `${t.asset} paid, cumulative, by incident month and development month (valued ${t.valuation_month})`,
      ['Incident month', ...Array.from({ length: t.development_months }, (_, i) => `+${i}`)],
      t.rows.map((r) => [r.incident_month, ...r.cumulative_paid.map((p) => el('td', { class: 'num' }, amount(p, t.asset))),
        ...Array.from({ length: t.development_months - r.cumulative_paid.length }, () => el('td', {}, ''))]),
      { class: 'triangle', 'data-asset': t.asset })) : [el('p', { class: 'hint' }, 'No claims yet.')]));
  } catch (error) {
    claims.replaceChildren(el('p', { class: 'error' }, `${error.code}: ${error.message}`));
    development.replaceChildren();
  }
}

async function showRegister(event) {
  event.preventDefault();
  operatorKey = document.getElementById('register-key').value.trim() || operatorKey;
  await loadRegister();
}

/** Fetches a CSV download with the operator's key (a link cannot send it) and hands it to the browser as a file. */
async function downloadCsv(event) {
  const button = event.currentTarget;
  operatorKey = document.getElementById('register-key').value.trim() || operatorKey;
  const claims = document.getElementById('register-claims');
  if (!operatorKey) {
    claims.replaceChildren(el('p', { class: 'hint' }, 'Enter an operator\'s or auditor\'s API key to download the register.'));
    return;
  }
  const response = await fetch(button.dataset.path, { headers: { 'Authorization': 'Bearer ' + operatorKey } });
  if (!response.ok) {
    const data = await response.json();
    claims.replaceChildren(el('p', { class: 'error' }, `${data.error}: ${data.message}`));
    return;
  }
  const link = el('a', { href: URL.createObjectURL(await response.blob()), download: button.dataset.file });
  link.click();
  URL.revokeObjectURL(link.href);
}

async function loadLedger() {
  const head = await api('/api/log/head');
  document.getElementById('log-head').replaceChildren(`Sequence ${head.sequence}, engine time ${head.engine_time}, head hash `,
    el('code', { id: 'head-hash' }, head.hash));
  const { items } = await api('/api/ledger/accounts');
  const body = document.querySelector('#account-table tbody');
  body.replaceChildren(...items.map((a) => el('tr', {}, el('td', {}, a.name), el('td', { class: 'num' }, money(a.balance)))));
}

// ---- solvency: the last recorded run's figures per pool against its policy, and an operator's run on demand

/** An operator's API key, kept in memory only: unlike a session token it does not expire, so it never goes to storage. */
let operatorKey = null;

/** Exact decimal text of integer units at an asset's scale (units may exceed 2^53, so no floating point). */
function unitsText(units, scale) {
  const digits = BigInt(units).toString();
  const negative = digits.startsWith('-');
  const magnitude = (negative ? digits.slice(1) : digits).padStart(scale + 1, '0');
  const whole = scale ? magnitude.slice(0, -scale) : magnitude;
  const fraction = scale ? magnitude.slice(-scale).replace(/0+$/, '') : '';
  return (negative ? '-' : '') + whole + (fraction ? '.' + fraction : '');
}

/** Decimal text with its whole part grouped in thousands, as money() shows amounts. */
const grouped = (text) => text.replace(/^(-?\d+)/, (whole) => whole.replace(/\B(?=(\d{3})+$)/g, ','));

/** A ratio as the API writes it ("1.75" or "unbounded", when there is no SCR to divide by), as a number for drawing. */
const ratioValue = (text) => (text === 'unbounded' ? Infinity : Number(text));

function runLine(run) {
  return el('span', { class: 'run', 'data-run': run.run_id }, 'Run ', el('code', { class: 'run-id' }, run.run_id),
    `, seed ${run.seed}, ${run.years.toLocaleString('en-US')} years, model ${run.model_version}, assessed at `
    + `${run.assessed_at.replace('T', ' ').replace(/(:\d\d)\.\d+/, '$1').replace('Z', ' UTC')}, covers through #${run.cover_id_through}`);
}

/**
 * A bar for a ratio against the pool's minimum, marked where the minimum sits; red when below. The scale runs to twice
 * the minimum (at least 3) so the mark stays readable; a larger ratio fills the bar.
 */
// ids tie each bar to its label; a counter, not crypto.randomUUID, which a page served over plain http lacks
let gaugeCount = 0;

function gauge(key, label, ratioText, minimumText) {
  const ratio = ratioValue(ratioText);
  const minimum = Number(minimumText);
  const top = Math.max(3, 2 * minimum);
  const below = minimum > 0 && ratio < minimum;
  const id = `gauge-${++gaugeCount}`;
  const reading = ratioText === 'unbounded' ? 'unbounded (nothing at risk)' : `${ratioText}×`;
  const against = minimum > 0 ? `${below ? 'below' : 'at or above'} the minimum ${minimumText}×` : 'no minimum set';
  const track = el('div', { class: 'track', role: 'meter', 'aria-labelledby': id, 'aria-valuemin': '0', 'aria-valuemax': String(top),
    'aria-valuenow': String(Math.min(ratio, top)), 'aria-valuetext': `${reading}, ${against}` });
  const fill = el('div', { class: 'fill' });
  fill.style.width = `${Math.min(1, ratio / top) * 100}%`;
  track.append(fill);
  if (minimum > 0) {
    const mark = el('div', { class: 'minimum', title: `minimum ${minimumText}×` });
    mark.style.left = `${(minimum / top) * 100}%`;
    track.append(mark);
  }
  return el('div', { class: `gauge${below ? ' below' : ''}`, 'data-gauge': key, 'data-ratio': ratioText },
    el('div', { id }, `${label}: `, el('span', { class: 'reading' }, reading), ` — ${against}`), track,
    el('div', { class: 'scale', 'aria-hidden': 'true' }, el('span', {}, '0'), el('span', {}, `${top}×`)));
}

function figureList(rows) {
  const list = el('dl', { class: 'figures' });
  for (const [name, value, key] of rows) list.append(el('dt', {}, name), el('dd', key ? { 'data-figure': key } : {}, value));
  return list;
}

function table(caption, headers, rows, attributes = {}) {
  return el('table', attributes, el('caption', {}, caption),
    el('thead', {}, el('tr', {}, ...headers.map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, ...rows.map((cells) => el('tr', {}, ...cells.map((c) => (c instanceof Node ? c : el('td', {}, c)))))));
}

/** Loss against return period on a log axis (10 to 1000 years), aggregate and largest single exploit; the table says the same in words. */
function exceedanceChart(poolId, figures) {
  const occurrence = new Map(figures.occurrence_exceedance.map((p) => [p.return_period_years, p.loss]));
  const points = figures.aggregate_exceedance;
  const xs = points.map((p) => p.return_period_years);
  const asset = points.length ? points[0].loss.asset : '';
  const options = {
    title: 'Exceedance: loss against return period', width: 480, height: 220, legend: { live: false },
    scales: { x: { time: false, distr: 3, log: 10 }, y: { range: (u, min, max) => [0, Math.max(1, max * 1.1)] } },
    axes: [{ label: 'return period (years)', values: (u, splits) => splits.map((v) => (v == null ? '' : v.toLocaleString('en-US'))) },
      { label: asset, size: 84 }],
    series: [{ label: 'years' },
      { label: figures.reinsurance ? 'aggregate (a year\'s losses, net of reinsurance)' : 'aggregate (a year\'s losses)', stroke: '#14213d',
        width: 2, points: { size: 6 } },
      { label: figures.reinsurance ? 'occurrence (largest exploit, before reinsurance)' : 'occurrence (largest exploit)', stroke: '#fca311',
        width: 2, dash: [6, 4], points: { size: 6 } }],
  };
  const holder = el('div', { class: 'chart exceedance', role: 'img',
    'aria-label': `Exceedance curves of ${poolId}: loss against return period from ${xs[0]} to ${xs[xs.length - 1]} years` });
  new uPlot(options, [xs, points.map((p) => Number(p.loss.amount)),
    xs.map((x) => (occurrence.has(x) ? Number(occurrence.get(x).amount) : null))], holder);
  const rows = points.map((p) => [el('td', { class: 'num' }, `1 in ${p.return_period_years}`), el('td', { class: 'num' }, money(p.loss)),
    el('td', { class: 'num' }, occurrence.has(p.return_period_years) ? money(occurrence.get(p.return_period_years)) : '—')]);
  return [holder, el('details', {}, el('summary', {}, 'Exceedance figures'),
    table('Loss exceeded once in so many years', ['Return period (years)', figures.reinsurance ? 'Aggregate (net)' : 'Aggregate',
      figures.reinsurance ? 'Occurrence (before reinsurance)' : 'Occurrence'], rows))];
}

function poolSolvencyCard(pool) {
  const minimum = pool.policy.minimum_solvency_ratio;
  const caps = Object.entries(pool.policy.dependency_caps);
  const card = el('section', { class: 'card solvency', 'data-pool': pool.pool_id, 'aria-label': `Solvency of ${pool.pool_id}` },
    el('h3', {}, pool.pool_id),
    el('p', { class: 'hint' }, `Minimum capital over required: ${Number(minimum) > 0 ? minimum + '×' : 'none'}; dependency caps: `
      + (caps.length ? caps.map(([kind, cap]) => `${kind} ${cap} of capacity`).join(', ') : 'none')));
  const now = pool.now;
  const nowGauge = gauge('capital_over_required_now', 'Capital over required, now', now.capital_over_required, minimum);
  if (!pool.run || !pool.figures) {
    card.append(el('p', { class: 'no-run' }, 'No solvency run covers this pool yet: figures below are the gate\'s, now.'), nowGauge,
      figureList([['Capital', money(now.capital), 'capital'], ['Active cover', money(now.active_cover)],
        ['Required capital (covers charged at their whole amount)', money(now.required_capital), 'required_capital'],
        ['MCR', money(now.mcr), 'mcr']]));
    return card;
  }
  const f = pool.figures;
  const mcrBelow = Number(f.capital.amount) < Number(f.mcr.amount);
  card.append(el('p', { class: 'run-line' }, runLine(pool.run)), nowGauge,
    gauge('solvency_ratio', 'Solvency ratio (capital / SCR) at the run', f.solvency_ratio, minimum),
    el('p', { class: `mcr${mcrBelow ? ' below' : ''}`, 'data-figure': 'mcr' },
      `MCR ${money(f.mcr)}: capital ${mcrBelow ? 'is BELOW' : 'covers'} the minimum capital requirement.`),
    figureList([['Capital', money(f.capital), 'capital'], ['Active cover', money(f.active_cover)],
      ['Expected annual loss', money(f.expected_annual_loss)], ['SCR (VaR 99.5 %)', money(f.scr), 'scr'],
      ['TVaR 99 %', money(f.tvar_99), 'tvar_99'], ['Required capital', money(f.required_capital), 'required_capital'],
      ['Solvency ratio', f.solvency_ratio, 'solvency_ratio'], ['Capital over required', f.capital_over_required],
      ['Ruin probability', `${(Number(f.ruin_probability) * 100).toLocaleString('en-US', { maximumFractionDigits: 4 })} %`],
      ['Required now (charged since the run: ' + money(now.charged_since_run) + ')', money(now.required_capital)]]),
    ...exceedanceChart(pool.pool_id, f),
    ...(f.reinsurance ? [figureList([['Required capital before reinsurance', money(f.reinsurance.gross_required_capital), 'gross_required_capital'],
      ['Capital the reinsurance saves', money(f.reinsurance.capital_saved), 'capital_saved'],
      ['Reinsurance premium a year', money(f.reinsurance.annual_premium), 'reinsurance_premium'],
      ['Expected recovery (net of reinstatement premium)', money(f.reinsurance.expected_recovery_net_of_reinstatement_premium)]])] : []),
    table('Capital by listing', ['Protocol', 'Capital factor', 'TVaR 99 % allocated'], pool.capital_by_listing.map((l) => [
      l.protocol_id, el('td', { class: 'num' }, l.capital_factor), el('td', { class: 'num' }, money(l.tvar_99_allocated))]),
    { class: 'capital-by-listing' }));
  return card;
}

function dependencyGroups(solvency, pools) {
  const target = document.getElementById('dependency-groups');
  const byKind = solvency.capital_by_dependency_group;
  if (!solvency.run) {
    target.replaceChildren(el('p', { class: 'hint' }, 'No run yet.'));
    return;
  }
  if (!byKind) {
    target.replaceChildren(el('p', { class: 'hint' }, 'Pools keep different assets, so the book\'s capital is not added up by group.'));
    return;
  }
  if (!Object.keys(byKind).length) {
    target.replaceChildren(el('p', { class: 'hint' }, 'No protocol in the book names a dependency group.'));
    return;
  }
  // every pool keeps one asset here (the API adds groups up only then); its scale turns units into an amount
  const asset = pools[0];
  const correlation = new Map(solvency.correlations.map((c) => [c.kind, c]));
  target.replaceChildren(...Object.entries(byKind).map(([kind, groups]) => table(
    `${kind}${correlation.has(kind) ? ` (ρ ${correlation.get(kind).rho}, ${correlation.get(kind).source})` : ''}`,
    ['Group', `TVaR 99 % allocated (${asset.asset})`], groups.map((g) => [g.group,
      el('td', { class: 'num' }, grouped(unitsText(g.tvar_99_allocated_units, asset.asset_scale)))]),
    { class: 'dependency-group', 'data-kind': kind })));
}

async function loadSolvency() {
  const [solvency, { items: pools }] = await Promise.all([api('/api/solvency'), api('/api/pools?limit=100')]);
  const line = document.getElementById('solvency-run');
  line.replaceChildren(solvency.run ? runLine(solvency.run)
    : el('span', { class: 'no-run' }, 'No solvency run recorded yet: purchases are charged their whole amount against capital. An operator can run one below.'));
  document.getElementById('solvency-book').replaceChildren(...(solvency.book ? [el('p', { class: 'book' },
    `Book: capital ${money(solvency.book.capital)}, SCR ${money(solvency.book.scr)}, solvency ratio ${solvency.book.solvency_ratio}, `
    + `TVaR 99 % ${money(solvency.book.tvar_99)}.`)] : []));
  document.getElementById('solvency-pools').replaceChildren(...solvency.pools.map(poolSolvencyCard));
  dependencyGroups(solvency, pools);
}

async function runSolvency(event) {
  event.preventDefault();
  operatorKey = document.getElementById('operator-key').value.trim() || operatorKey;
  const years = Number(document.getElementById('run-years').value.trim());
  const seed = Number(document.getElementById('run-seed').value.trim());
  if (!Number.isSafeInteger(years) || !Number.isSafeInteger(seed) || seed < 0) {
    notice('Years and seed are whole numbers (seed up to 9,007,199,254,740,991).', 'error');
    return;
  }
  const button = document.getElementById('run-now');
  button.disabled = true;
  notice(`Running ${years.toLocaleString('en-US')} years with seed ${seed}…`, 'ok');
  try {
    const run = await api('/api/solvency/runs', { method: 'POST', body: { years, seed },
      headers: { 'Authorization': 'Bearer ' + operatorKey, 'Idempotency-Key': crypto.randomUUID() } });
    notice(`Run ${run.run_id} recorded (seed ${run.seed}, ${run.years.toLocaleString('en-US')} years, model ${run.model_version}).`, 'ok');
  } catch (error) {
    notice(`Run refused (${error.code}): ${error.message}`, 'error');
  } finally {
    button.disabled = false;
  }
  await loadSolvency();
}

const loaders = { overview: loadOverview, protocols: async () => { await loadOverviewData(); await loadProtocols(); },
  covers: loadCovers, incidents: loadIncidents, claims: loadClaims, register: loadRegister, solvency: loadSolvency, ledger: loadLedger };

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
document.getElementById('depositor-form').addEventListener('submit', depositorRecovery);
document.getElementById('claim-form').addEventListener('submit', fileClaim);
document.getElementById('solvency-run-form').addEventListener('submit', runSolvency);
document.getElementById('register-form').addEventListener('submit', showRegister);
document.getElementById('register-csv').addEventListener('click', downloadCsv);
document.getElementById('development-csv').addEventListener('click', downloadCsv);
window.addEventListener('hashchange', refresh);
showWallet();
refresh();
