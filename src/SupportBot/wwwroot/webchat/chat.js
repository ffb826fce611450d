// The built-in chat page: asks this server for a token, then renders the official Web Chat widget against this
// server's Direct Line endpoints. A reload (same tab) continues the same conversation instead of starting over.
// The visitor pass (the anonymous visitor's id, signed by the server) is kept in localStorage: a returning visitor
// is the same visitor, with their tickets, and continues their last conversation while it still exists (it does
// while one of their tickets is open), so the engineers' questions wait there. A fresh browser is a new visitor.
(async function () {
  'use strict';

  const storageKey = 'supportbot.webchat';
  const visitorKey = 'supportbot.visitor';
  const params = new URLSearchParams(window.location.search);
  const status = document.getElementById('chat-status');

  function show(message) {
    status.textContent = message;
    status.hidden = false;
  }

  async function postJson(url, body, token) {
    const headers = { 'Content-Type': 'application/json' };
    if (token) {
      headers.Authorization = 'Bearer ' + token;
    }

    const response = await fetch(url, { method: 'POST', headers, body: body ? JSON.stringify(body) : undefined });
    if (!response.ok) {
      throw new Error(url + ' answered ' + response.status);
    }

    return response.json();
  }

  // The saved conversation, with a refreshed token; null when there is none or it can no longer be continued.
  async function resume() {
    const saved = JSON.parse(window.sessionStorage.getItem(storageKey) || 'null');
    if (!saved || !saved.token || !saved.conversationId) {
      return null;
    }

    try {
      const refreshed = await postJson('/v3/directline/tokens/refresh', null, saved.token);
      // The widget may never have started the conversation (a reload straight after the first load).
      const started = await fetch('/v3/directline/conversations/' + encodeURIComponent(refreshed.conversationId),
        { headers: { Authorization: 'Bearer ' + refreshed.token } });
      return { token: refreshed.token, conversationId: refreshed.conversationId, resumed: started.ok };
    } catch {
      window.sessionStorage.removeItem(storageKey);
      return null;
    }
  }

  try {
    const config = await (await fetch('/api/webchat/config')).json();
    const locale = config.locales.includes(params.get('locale')) ? params.get('locale') : config.defaultLocale;
    const title = config.titles[locale] || Object.values(config.titles)[0];
    document.documentElement.lang = locale;
    document.title = title;
    document.getElementById('chat-title').textContent = title;
    document.documentElement.style.setProperty('--accent', config.accentColor);

    const languages = document.getElementById('chat-languages');
    for (const [code, label] of [['en-US', 'English'], ['zh-CN', '中文']]) {
      const link = document.createElement('a');
      const target = new URLSearchParams(params);
      target.set('locale', code);
      link.href = '?' + target.toString();
      link.textContent = label;
      link.setAttribute('aria-current', String(code === locale));
      languages.appendChild(link);
    }

    const visitor = JSON.parse(window.localStorage.getItem(visitorKey) || 'null') || {};
    const session = (await resume()) ||
      await postJson('/api/webchat/token', {
        user: { name: params.get('name') || undefined },
        visitor: visitor.pass,
        conversationId: visitor.conversationId
      });
    window.sessionStorage.setItem(storageKey, JSON.stringify({ token: session.token, conversationId: session.conversationId }));
    window.localStorage.setItem(visitorKey, JSON.stringify({ pass: session.visitor || visitor.pass, conversationId: session.conversationId }));

    const directLine = window.WebChat.createDirectLine({
      token: session.token,
      // A resumed conversation reconnects (and replays what was said); a new token starts the conversation.
      conversationId: session.resumed ? session.conversationId : undefined,
      domain: window.location.origin + '/v3/directline',
      // ?webSocket=false polls instead of streaming (some proxies drop WebSockets).
      webSocket: params.get('webSocket') !== 'false'
    });

    window.WebChat.renderWebChat(
      {
        directLine,
        locale,
        styleOptions: {
          accent: config.accentColor,
          botAvatarInitials: config.botAvatarInitials,
          userAvatarInitials: config.userAvatarInitials,
          hideUploadButton: false
        }
      },
      document.getElementById('webchat')
    );
    document.querySelector('#webchat input, #webchat textarea')?.focus();
  } catch (error) {
    console.error(error);
    show(document.documentElement.lang === 'zh-CN'
      ? '暂时无法连接客服,请稍后刷新重试。'
      : 'The chat cannot connect right now. Please reload the page in a moment.');
  }
})();
