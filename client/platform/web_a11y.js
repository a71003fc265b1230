// The screen-reader mirror: after each drawn frame, the app's item list (globalThis.motcuaUi) is
// mirrored into real DOM elements with ARIA roles, names, values and states, each laid exactly
// over what the canvas drew (transparent), so explore-by-touch finds them where a sighted person
// sees them. What assistive technology does there comes back as the app's own input: a click
// presses the control, a value typed into a field sets it, a focus moves the app's focus. Status
// messages go to a live region; a new screen moves the focus to its heading.
Module['preRun'] = Module['preRun'] || [];
Module['preRun'].push(function () {
  var root = null, live = null, byId = new Map(), lastJson = '', lastHeading = '', lastStatus = new Map(), lastFocused = '';
  var announceTimer = 0, pending = [];

  function setup() {
    root = document.createElement('div');
    root.id = 'motcua-a11y';
    document.body.appendChild(root);
    live = document.createElement('div');
    live.setAttribute('aria-live', 'polite');
    live.setAttribute('role', 'status');
    live.className = 'motcua-live';
    document.body.appendChild(live);
  }
  function call(name) {
    var f = Module['_' + name];
    if (!f) return;
    var args = Array.prototype.slice.call(arguments, 1);
    var ptrs = args.map(function (s) {
      var n = lengthBytesUTF8(s) + 1, p = _malloc(n);
      stringToUTF8(s, p, n);
      return p;
    });
    try { f.apply(null, ptrs); } finally { ptrs.forEach(function (p) { _free(p); }); }
  }

  function tagFor(kind) {
    switch (kind) {
      case 'button': return 'button';
      case 'input': case 'radio': case 'checkbox': return 'input';
      case 'heading': return 'h2';
      default: return 'div';
    }
  }
  function make(it) {
    var el = document.createElement(tagFor(it.kind));
    el.dataset.id = it.id;
    el.dataset.kind = it.kind;
    if (it.kind === 'input') el.type = 'text';
    if (it.kind === 'radio') { el.type = 'radio'; el.name = it.id.slice(0, it.id.lastIndexOf('.')); }
    if (it.kind === 'checkbox') el.type = 'checkbox';
    if (it.kind === 'heading') el.tabIndex = -1;
    if (it.kind === 'button' || it.kind === 'radio' || it.kind === 'checkbox') {
      el.addEventListener('click', function (e) {
        e.preventDefault(); // the app decides what is checked; the next frame says so
        call('motcua_ui_activate', it.id);
      });
    }
    if (it.kind === 'input') {
      el.addEventListener('input', function () { call('motcua_ui_set_value', it.id, el.value); });
    }
    el.addEventListener('focus', function () { call('motcua_ui_focus', it.id); });
    return el;
  }
  function place(el, it) {
    var s = el.style;
    s.left = it.x + 'px'; s.top = it.y + 'px'; s.width = Math.max(1, it.w) + 'px'; s.height = Math.max(1, it.h) + 'px';
  }
  function update(el, it, items) {
    var name = it.label;
    if (it.kind === 'input' || it.kind === 'radio' || it.kind === 'checkbox') el.setAttribute('aria-label', name);
    else if (el.textContent !== name) el.textContent = name;
    if (it.kind === 'button') el.disabled = !it.enabled;
    if (it.kind === 'input') {
      if (document.activeElement !== el && el.value !== it.value) el.value = it.value;
      el.required = !!it.required;
      var problem = items.get(it.id + '.error') || items.get(it.id + '.warning');
      if (problem) {
        el.setAttribute('aria-invalid', items.has(it.id + '.error') ? 'true' : 'false');
        el.setAttribute('aria-describedby', 'motcua-a11y-' + problem.id);
      } else {
        el.removeAttribute('aria-invalid');
        el.removeAttribute('aria-describedby');
      }
    }
    if (it.kind === 'radio' || it.kind === 'checkbox') el.checked = it.value === 'checked';
    if (it.kind === 'progressbar') {
      el.setAttribute('role', 'progressbar');
      el.setAttribute('aria-valuenow', it.value);
      el.setAttribute('aria-valuemin', '0');
      el.setAttribute('aria-valuemax', '100');
    }
    el.id = 'motcua-a11y-' + it.id;
  }
  // A status that appears or changes is read out once (field problems are read with their
  // fields instead, and the draft's "saving…" is not worth interrupting anyone for).
  function announce(items) {
    items.forEach(function (it, id) {
      if (it.kind !== 'status' && it.kind !== 'error') return;
      if (/\.(error|warning)$/.test(id) && id !== 'form.problems') return;
      if (id === 'form.draft_state' && it.value !== 'failed') return;
      if (lastStatus.get(id) !== it.label) pending.push(it.label);
      lastStatus.set(id, it.label);
    });
    if (!pending.length || announceTimer) return;
    announceTimer = setTimeout(function () {
      announceTimer = 0;
      live.textContent = pending.splice(0).join('. ');
    }, 150);
  }

  Module.motcuaA11y = {
    // After each drawn frame: the item list as JSON, and the app's focused control.
    frame: function (json, list, focusedId) {
      if (!root) setup();
      if (json === lastJson + focusedId) return;
      lastJson = json + focusedId;
      var items = new Map();
      list.forEach(function (it) { items.set(it.id, it); });
      var seen = new Set(), prev = null;
      list.forEach(function (it) {
        var el = byId.get(it.id);
        if (el && el.dataset.kind !== it.kind) { el.remove(); el = null; }
        if (!el) { el = make(it); byId.set(it.id, el); }
        seen.add(it.id);
        update(el, it, items);
        place(el, it);
        // Drawing order is reading order. An element already in its place is not moved: moving
        // the focused one would blur it.
        var want = prev ? prev.nextSibling : root.firstChild;
        if (want !== el) root.insertBefore(el, want);
        prev = el;
      });
      byId.forEach(function (el, id) { if (!seen.has(id)) { el.remove(); byId.delete(id); } });
      announce(items);
      // A new screen (its first heading changed): the focus goes to its heading.
      var first = list.find(function (it) { return it.kind === 'heading'; });
      if (first && first.id !== lastHeading) {
        var firstScreen = lastHeading === '';
        lastHeading = first.id;
        if (!firstScreen) byId.get(first.id).focus({ preventScroll: true });
      }
      // The app's focus, moved by Tab, is followed by the DOM's. While the app edits text the
      // text area has the DOM focus: it is named after the field then.
      var ta = document.getElementById('motcua-text');
      var focused = focusedId ? byId.get(focusedId) : null;
      if (document.activeElement === ta && items.get(focusedId)) ta.setAttribute('aria-label', items.get(focusedId).label);
      if (focusedId !== lastFocused) {
        lastFocused = focusedId;
        if (focused && document.activeElement !== ta && document.activeElement !== focused) focused.focus({ preventScroll: true });
      }
    },
  };
});
