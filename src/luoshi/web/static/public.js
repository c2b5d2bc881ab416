// Progressive enhancement of the public portal: 打印 and 收藏 (kept in localStorage, no account). Nothing
// here is needed to read a page; controls that need it are hidden in the HTML and shown from here.
(function () {
  "use strict";
  var KEY = "luoshi.favourites";

  function load() {
    try {
      var list = JSON.parse(window.localStorage.getItem(KEY) || "[]");
      return Array.isArray(list) ? list : [];
    } catch (e) { return []; }
  }
  function save(list) {
    try { window.localStorage.setItem(KEY, JSON.stringify(list)); } catch (e) { /* private mode: nothing kept */ }
  }
  function has(list, key) { return list.some(function (f) { return f.key === key; }); }
  // Only paths of the portal itself are kept, so a tampered store cannot make a link to elsewhere.
  function portalPath(url) { return typeof url === "string" && /^\/public\/[^/\\]/.test(url); }

  function showAll(selector) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), function (el) { el.hidden = false; });
  }

  function paint(button) {
    var on = has(load(), button.getAttribute("data-fav-key"));
    button.setAttribute("aria-pressed", on ? "true" : "false");
    button.textContent = on ? "已收藏" : "收藏";
  }

  function toggle(button) {
    var key = button.getAttribute("data-fav-key");
    var list = load();
    if (has(list, key)) {
      list = list.filter(function (f) { return f.key !== key; });
    } else {
      list.push({ key: key, title: button.getAttribute("data-fav-title"), url: button.getAttribute("data-fav-url") });
    }
    save(list);
    paint(button);
  }

  function renderList(holder, empty) {
    var list = load().filter(function (f) { return portalPath(f.url); });
    holder.textContent = "";
    empty.hidden = list.length > 0;
    list.forEach(function (f) {
      var item = document.createElement("li");
      item.className = "card";
      var link = document.createElement("a");
      link.href = f.url;
      link.textContent = f.title || f.url;
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "fav";
      remove.textContent = "取消收藏";
      remove.setAttribute("aria-label", "取消收藏：" + (f.title || f.url));
      remove.addEventListener("click", function () {
        save(load().filter(function (g) { return g.key !== f.key; }));
        renderList(holder, empty);
        empty.focus();
      });
      item.appendChild(link);
      item.appendChild(remove);
      holder.appendChild(item);
    });
  }

  showAll(".js-only");
  Array.prototype.forEach.call(document.querySelectorAll(".js-print"), function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
  Array.prototype.forEach.call(document.querySelectorAll("[data-fav-key]"), function (button) {
    paint(button);
    button.addEventListener("click", function () { toggle(button); });
  });
  var holder = document.getElementById("fav-list");
  var empty = document.getElementById("fav-empty");
  if (holder && empty) {
    empty.setAttribute("tabindex", "-1");
    renderList(holder, empty);
  }
})();
