"""The stylesheet and script inlined in the HTML report (no external assets).

The script only reads ``data-*`` attributes and toggles ``hidden``; no report data is
ever placed inside it, and the page's Content-Security-Policy allows this script alone
(by its hash), so text from an article can never run as code.
"""

from __future__ import annotations

CSS = """
:root{--ink:#1d2433;--muted:#5d6679;--line:#dfe3ea;--bg:#f6f7f9;--card:#fff;
--high:#b42318;--high-bg:#fef3f2;--medium:#a15c07;--medium-bg:#fffaeb;
--low:#175cd3;--low-bg:#eff8ff;--info:#475467;--info-bg:#f2f4f7;
--sa:#0e7490;--sa-bg:#d5f0f5;--sb:#6d28d9;--sb-bg:#ebe2fd;--sc:#c2410c;--sc-bg:#ffe4d2;
--sd:#be185d;--sd-bg:#fbe0ec}
*{box-sizing:border-box}
[hidden]{display:none!important}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);
font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:76rem;margin:0 auto;padding:1.25rem clamp(.75rem,3vw,2rem) 3rem}
h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.2rem;margin:2rem 0 .75rem}
h3{font-size:1.05rem;margin:0}
a{color:#1849a9}code{font:12.5px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;
background:var(--info-bg);padding:.05rem .3rem;border-radius:4px;overflow-wrap:anywhere}
.lede{color:var(--muted);margin:.25rem 0 .75rem}
.chips{display:flex;flex-wrap:wrap;gap:.4rem;margin:.5rem 0}
.badge{display:inline-block;font-size:.75rem;font-weight:700;letter-spacing:.04em;
text-transform:uppercase;padding:.1rem .5rem;border-radius:999px;border:1px solid currentColor}
.sev-high{color:var(--high);background:var(--high-bg)}
.sev-medium{color:var(--medium);background:var(--medium-bg)}
.sev-low{color:var(--low);background:var(--low-bg)}
.sev-info{color:var(--info);background:var(--info-bg)}
.filters{position:sticky;top:0;z-index:5;background:rgba(246,247,249,.96);
border-bottom:1px solid var(--line);padding:.5rem 0;margin:0 0 1rem;display:flex;
flex-wrap:wrap;gap:.35rem 1.25rem;align-items:center;font-size:.9rem}
.filters fieldset{border:0;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.2rem .7rem}
.filters legend{float:left;font-weight:700;margin-right:.4rem}
.filters label{white-space:nowrap;cursor:pointer}
.filters select{font:inherit;max-width:16rem}
.filters .count{color:var(--muted);margin-left:auto;display:flex;gap:.6rem;align-items:center}
.filters button{font:inherit;padding:.1rem .6rem}
.scroll{overflow-x:auto;border:1px solid var(--line);border-radius:8px;background:var(--card)}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{text-align:left;vertical-align:top;padding:.45rem .6rem;border-bottom:1px solid var(--line)}
thead th{background:var(--info-bg);font-size:.8rem;text-transform:uppercase;letter-spacing:.03em;
color:var(--muted);position:sticky;top:0}
tbody tr:last-child>*{border-bottom:0}
.matrix th:first-child,.matrix td:first-child{position:sticky;left:0;background:var(--card);
min-width:14rem;max-width:22rem;box-shadow:1px 0 0 var(--line)}
.matrix thead th:first-child{background:var(--info-bg)}
.matrix td.says{min-width:9rem}
.matrix .silent{color:var(--muted);font-style:italic;background:repeating-linear-gradient(
135deg,transparent 0 6px,rgba(93,102,121,.07) 6px 12px)}
.matrix .absent{color:#a0a7b4}
.tag{display:inline-flex;align-items:baseline;margin:.1rem 0}
.letter{display:inline-grid;place-items:center;min-width:1.4rem;height:1.4rem;border-radius:5px;
color:#fff;font-weight:700;font-size:.8rem;margin-right:.35rem;padding:0 .25rem}
.s0 .letter,.letter.s0{background:var(--sa)}.s1 .letter,.letter.s1{background:var(--sb)}
.s2 .letter,.letter.s2{background:var(--sc)}.s3 .letter,.letter.s3{background:var(--sd)}
.topic>h2{border-bottom:2px solid var(--line);padding-bottom:.3rem}
.finding{background:var(--card);border:1px solid var(--line);border-left:5px solid var(--info);
border-radius:10px;padding:1rem clamp(.75rem,2vw,1.25rem);margin:0 0 1.25rem;
box-shadow:0 1px 2px rgba(16,24,40,.05)}
.finding.level-high{border-left-color:var(--high)}
.finding.level-medium{border-left-color:var(--medium)}
.finding.level-low{border-left-color:var(--low)}
.finding-head{display:flex;flex-wrap:wrap;gap:.4rem .75rem;align-items:center}
.finding-head .kind{font-weight:600}
.meta,.finding-head .conf{color:var(--muted);font-size:.85rem}
.finding-head .fid{margin-left:auto;font-size:.8rem;color:var(--muted)}
.explanation{font-size:1.02rem;margin:.6rem 0 .9rem}
.sides{display:grid;gap:.9rem;grid-template-columns:repeat(auto-fit,minmax(min(100%,21rem),1fr))}
.side{border:1px solid var(--line);border-radius:8px;padding:.75rem;border-top:4px solid var(--sa)}
.side.s1{border-top-color:var(--sb)}.side.s2{border-top-color:var(--sc)}
.side.s3{border-top-color:var(--sd)}
.side h4{margin:0 0 .4rem;font-size:1rem;display:flex;align-items:flex-start}
.facts{display:grid;grid-template-columns:auto 1fr;gap:.1rem .75rem;margin:0 0 .6rem;
font-size:.88rem}
.facts dt{color:var(--muted)}.facts dd{margin:0}
.evidence{list-style:none;margin:0;padding:0}
.evidence li{margin:.5rem 0 0}
blockquote{margin:0;padding:.45rem .65rem;border-left:3px solid var(--line);background:#fbfbfc;
border-radius:0 6px 6px 0;overflow-wrap:anywhere}
mark{background:var(--sa-bg);color:inherit;padding:.05rem .15rem;border-radius:3px;
box-shadow:inset 0 -2px 0 var(--sa)}
.s1 mark{background:var(--sb-bg);box-shadow:inset 0 -2px 0 var(--sb)}
.s2 mark{background:var(--sc-bg);box-shadow:inset 0 -2px 0 var(--sc)}
.s3 mark{background:var(--sd-bg);box-shadow:inset 0 -2px 0 var(--sd)}
mark b.dw{font-weight:800;text-decoration:underline 2px;text-underline-offset:3px}
.cite{font-size:.82rem;color:var(--muted);margin:.2rem 0 0}
.more{font:inherit;font-size:.85rem;margin-top:.5rem;background:none;border:1px dashed var(--line);
border-radius:6px;padding:.2rem .6rem;cursor:pointer;color:#1849a9}
.collapsed .extra{display:none}
.silent-line{margin:.8rem 0 0;font-size:.9rem}
.note{font-size:.9rem;color:var(--muted)}
.passages td{width:50%}
footer{color:var(--muted);font-size:.85rem;margin-top:2.5rem}
@media (max-width:40rem){body{font-size:14px}.finding-head .fid{margin-left:0}
.matrix th:first-child,.matrix td:first-child{min-width:8.5rem;max-width:11rem}
.matrix td.says{min-width:7.5rem}.explanation{font-size:.98rem}
.filters{position:static}.filters .count{margin-left:0}h1{font-size:1.35rem}}
@media print{body{background:#fff;font-size:10pt}main{max-width:none;padding:0}
.filters,.more{display:none!important}.collapsed .extra{display:list-item!important}
.finding,.side{break-inside:avoid-page;box-shadow:none}
.scroll{overflow:visible;border:0}.matrix th:first-child,.matrix td:first-child{position:static}
thead th{position:static}a{color:inherit;text-decoration:none}
mark{box-shadow:none;border-bottom:2px solid #000}}
"""

SCRIPT = """
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) { return; }
  form.hidden = false;
  var count = document.getElementById("filter-count");
  function checked(name) {
    var state = {};
    form.querySelectorAll("input[name='" + name + "']").forEach(function (input) {
      state[input.value] = input.checked;
    });
    return state;
  }
  function apply() {
    var severity = checked("severity"), kind = checked("kind");
    var outlet = form.querySelector("select[name='outlet']").value;
    var shown = 0, total = 0;
    document.querySelectorAll("[data-finding]").forEach(function (el) {
      var outlets = " " + el.getAttribute("data-outlets") + " ";
      var visible = severity[el.getAttribute("data-severity")] !== false &&
        kind[el.getAttribute("data-kind")] !== false &&
        (outlet === "" || outlets.indexOf(" " + outlet + " ") >= 0);
      el.hidden = !visible;
      if (el.tagName === "ARTICLE") { total += 1; shown += visible ? 1 : 0; }
    });
    document.querySelectorAll("section.topic").forEach(function (topic) {
      topic.hidden = !topic.querySelector("article[data-finding]:not([hidden])");
    });
    var empty = document.getElementById("matrix-empty");
    if (empty) { empty.hidden = shown !== 0; }
    count.textContent = shown + " of " + total + " findings shown";
  }
  document.querySelectorAll("ul.evidence[data-extra]").forEach(function (list) {
    list.classList.add("collapsed");
    var button = list.parentNode.querySelector("button.more");
    if (!button) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      list.classList.remove("collapsed");
      button.hidden = true;
    });
  });
  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  apply();
})();
"""
