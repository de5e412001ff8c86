// The Tokens page: make, list and revoke the signed-in person's API tokens through /api/tokens.
// never innerHTML: labels are text the user typed, and text is data.
(() => {
  const csrfToken = document.querySelector('meta[name="_csrf"]').content;
  const csrfHeader = document.querySelector('meta[name="_csrf_header"]').content;

  function el(tag, text) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function toast(message) {
    const t = document.getElementById('toast');
    t.textContent = message;
    t.hidden = false;
  }

  async function call(method, path, body) {
    const headers = {'Accept': 'application/json'};
    if (method !== 'GET') headers[csrfHeader] = csrfToken;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(path, {
      method, headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body)
    });
    const json = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(json.detail || ('HTTP ' + response.status));
    return json;
  }

  function day(instant) {
    return instant ? instant.substring(0, 10) : '–';
  }

  async function refresh() {
    const tokens = await call('GET', '/api/tokens');
    const table = document.getElementById('tokens');
    const body = table.querySelector('tbody');
    body.replaceChildren();
    document.getElementById('tokens-empty').hidden = tokens.length > 0;
    table.hidden = tokens.length === 0;
    for (const t of tokens) {
      const row = el('tr');
      row.dataset.token = t.id;
      row.append(el('td', t.label), el('td', t.resource), el('td', t.hint),
        el('td', day(t.createdAt)), el('td', day(t.expiresAt)), el('td', day(t.lastUsedAt)),
        el('td', t.active ? 'active' : (t.revokedAt ? 'revoked by ' + t.revokedBy : 'ended')));
      const action = el('td');
      if (t.active) {
        const revoke = el('button', 'Revoke');
        revoke.type = 'button';
        revoke.className = 'small';
        revoke.addEventListener('click', async () => {
          try {
            await call('POST', '/api/tokens/' + encodeURIComponent(t.id) + '/revoke');
            toast('Revoked ' + t.label + '.');
            await refresh();
          } catch (e) {
            toast(e.message);
          }
        });
        action.append(revoke);
      }
      row.append(action);
      body.append(row);
    }
  }

  document.getElementById('new-token').addEventListener('submit', async (event) => {
    event.preventDefault();
    const label = document.getElementById('label').value;
    const audience = document.getElementById('audience').value;
    const days = document.getElementById('days').value;
    try {
      const made = await call('POST', '/api/tokens', {label, audience, lifetime: 'P' + days + 'D'});
      document.getElementById('secret').textContent = made.secret;
      document.getElementById('secret-box').hidden = false;
      toast('Made ' + made.token.label + ': ' + made.use + '.');
      await refresh();
    } catch (e) {
      toast(e.message);
    }
  });

  refresh().catch((e) => toast(e.message));
})();
