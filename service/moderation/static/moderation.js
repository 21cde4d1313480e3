// Raqib moderator workspace: keyboard shortcuts, in-place actions and the live waiting count.
// Everything here is an enhancement: the page's plain forms work without it.
(() => {
  "use strict";

  const csrfMeta = document.querySelector('meta[name="csrf-token"]');
  const csrf = csrfMeta ? csrfMeta.content : "";
  const panel = document.getElementById("panel");
  const statusLine = document.getElementById("status-line");
  const help = document.getElementById("help");
  const liveCount = document.getElementById("live-count");

  // Shortcuts follow the physical key, so they also work with an Arabic keyboard layout active.
  const CODES = { KeyJ: "j", KeyK: "k", KeyA: "a", KeyR: "r", KeyS: "s", KeyU: "u", KeyX: "x" };

  const rows = () => Array.from(document.querySelectorAll("#items .item"));
  const currentRow = () => document.querySelector("#items .item.current");

  function say(kind, extra) {
    if (!statusLine) return;
    const text = statusLine.dataset[kind] || kind;
    statusLine.textContent = extra ? `${text} ${extra}` : text;
    statusLine.classList.toggle("error", kind !== "done");
    statusLine.hidden = false;
    const flash = document.getElementById("flash");
    if (flash) flash.remove();
  }

  async function loadPanel(id) {
    if (!panel) return;
    const back = window.location.pathname + window.location.search;
    const url = `/moderation/comments/${encodeURIComponent(id)}/panel?back=${encodeURIComponent(back)}`;
    const res = await fetch(url, { credentials: "same-origin" });
    if (!res.ok) { say("error", String(res.status)); return; }
    // The fragment is rendered by the server with every comment text escaped.
    panel.innerHTML = await res.text();
  }

  function select(row) {
    if (!row) return;
    const previous = currentRow();
    if (previous) { previous.classList.remove("current"); previous.removeAttribute("aria-current"); }
    row.classList.add("current");
    row.setAttribute("aria-current", "true");
    row.scrollIntoView({ block: "nearest" });
    const url = new URL(window.location.href);
    url.searchParams.set("selected", row.dataset.id);
    url.searchParams.delete("msg");
    window.history.replaceState(null, "", url);
    loadPanel(row.dataset.id);
  }

  function move(step) {
    const all = rows();
    if (!all.length) return;
    const at = all.indexOf(currentRow());
    const next = at < 0 ? all[0] : all[Math.min(all.length - 1, Math.max(0, at + step))];
    if (next !== all[at]) select(next);
  }

  async function post(url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  async function act(action) {
    const detail = panel && panel.querySelector(".detail");
    if (!detail) return;
    const id = detail.dataset.id;
    const noteField = detail.querySelector('textarea[name="note"]');
    const res = await post(`/v1/moderation/comments/${encodeURIComponent(id)}/${action}`, {
      note: noteField && noteField.value ? noteField.value : null,
      expected_status: detail.dataset.status,
      expected_version: Number(detail.dataset.version),
    });
    if (res.status === 409) {
      const body = await res.json();
      say("conflict", body.current ? body.current.status : "");
      await loadPanel(id);
      return;
    }
    if (!res.ok) { say(res.status === 403 ? "forbidden" : "error", String(res.status)); return; }
    say("done");
    const row = document.querySelector(`#items .item[data-id="${CSS.escape(id)}"]`);
    if (row) {
      const all = rows();
      const at = all.indexOf(row);
      const next = all[at + 1] || all[at - 1];
      row.remove();
      if (next) select(next); else panel.innerHTML = "";
    }
    refreshCount();
  }

  async function undo() {
    const res = await post("/v1/moderation/undo");
    if (res.status === 404) { say("nothing"); return; }
    if (res.status === 409) { say("conflict"); return; }
    if (!res.ok) { say("error", String(res.status)); return; }
    const body = await res.json();
    const first = body.results.find((r) => r.ok);
    const url = new URL(window.location.href);
    if (first) url.searchParams.set("selected", first.id);
    url.searchParams.set("msg", "done");
    window.location.assign(url);
  }

  // Typing a note or a filter must not trigger shortcuts; a focused checkbox or button may.
  function isTyping(target) {
    if (!(target instanceof HTMLElement)) return false;
    if (target.isContentEditable || target.tagName === "TEXTAREA" || target.tagName === "SELECT") return true;
    return target.tagName === "INPUT" && !/^(checkbox|radio|button|submit|reset)$/.test(target.type);
  }

  function toggleHelp(force) {
    if (help) help.hidden = force === undefined ? !help.hidden : !force;
  }

  async function refreshCount() {
    if (!liveCount) return;
    try {
      const res = await fetch("/v1/moderation/count", { credentials: "same-origin" });
      if (res.ok) liveCount.textContent = String((await res.json()).waiting);
    } catch (_err) { /* offline for a moment: keep the last figure */ }
  }

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (isTyping(event.target)) return;
    if (event.key === "?" || event.key === "؟" || (event.code === "Slash" && event.shiftKey)) { toggleHelp(); event.preventDefault(); return; }
    if (event.key === "Escape") { toggleHelp(false); return; }
    const key = CODES[event.code] || event.key;
    const handlers = {
      j: () => move(1), k: () => move(-1), a: () => act("approve"), r: () => act("reject"), s: () => act("spam"),
      u: () => undo(),
      x: () => { const row = currentRow(); const box = row && row.querySelector('input[type="checkbox"]'); if (box) box.checked = !box.checked; },
    };
    if (handlers[key]) { event.preventDefault(); handlers[key](); }
  });

  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (form instanceof HTMLFormElement && form.matches("[data-action-form]") && event.submitter && event.submitter.value) {
      event.preventDefault();
      act(event.submitter.value);
    }
  });

  document.addEventListener("click", (event) => {
    const link = event.target instanceof Element ? event.target.closest(".item-link") : null;
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    select(link.closest(".item"));
  });

  const selectAll = document.getElementById("select-all");
  if (selectAll) {
    selectAll.addEventListener("change", () => {
      document.querySelectorAll('#items input[name="ids"]').forEach((box) => { box.checked = selectAll.checked; });
    });
  }
  const helpClose = document.getElementById("help-close");
  if (helpClose) helpClose.addEventListener("click", () => toggleHelp(false));

  if (liveCount && csrf) window.setInterval(refreshCount, 5000);
})();
