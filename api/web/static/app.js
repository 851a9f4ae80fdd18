// The factcheck page. Three views, chosen by the URL's hash:
//   (anything else)              the main view: check a claim (POST /v1/claims/check), add sources (POST /v1/sources,
//                                POST /v1/sources/file), build reports (POST /v1/reports), list and delete sources
//   #source/ID                   one source: its text, its typed claims and the facts other sources contradict
//   #source/ID/START-END         the same, with characters START to END of the text highlighted
//   #report/ID                   a finished report: conflicts first, filtered by status
//
// Claims, source text and metadata are untrusted. The DOM is built with createElement and textContent (or
// strings passed to append, which become text nodes) only: never innerHTML, outerHTML, insertAdjacentHTML or
// document.write. The page's Content-Security-Policy enforces the same (script-src 'self', Trusted Types).
//
// The service counts every offset in Unicode code points (Python strings); JavaScript strings index UTF-16 code
// units, so text is split into code points (Array.from) before any slicing by offset.
"use strict";

(function () {
  const REQUEST_TIMEOUT_MS = 120000;
  const WRITE_TIMEOUT_MS = 600000; // an article is split, embedded and compared with the stored ones in the request
  const SOURCES_PAGE = 500; // the API's largest page
  const MAX_SOURCES_LISTED = 5000;
  const VERDICTS = ["agree", "conflict", "mixed", "unverified"];
  const TOPIC_ORDER = ["conflict", "agree", "single_source"];
  const TOPIC_WORDS = { conflict: "conflict", agree: "agree", single_source: "single source" };
  const FILTERS = [
    ["all", "All topics"],
    ["conflict", "Conflicts"],
    ["agree", "Agreements"],
    ["single_source", "Single source"],
  ];
  const SOURCES = "/v1/sources";

  const byId = (id) => document.getElementById(id);
  const form = byId("check-form");
  const claimInput = byId("claim");
  const topKInput = byId("top-k");
  const checkButton = byId("check-button");
  const errorBox = byId("error");
  const statusLine = byId("status");
  const resultSection = byId("result");
  const resultBody = byId("result-body");
  const choices = byId("source-choices");
  const sourcesBody = byId("sources-body");
  const sourcesSummary = byId("sources-summary");
  const sourcesStatus = byId("sources-status");
  const sourcesError = byId("sources-error");
  const refreshButton = byId("refresh-sources");

  // A write key, when the service asks for one (401/403 on a write): kept for this tab only (sessionStorage, gone
  // when the tab closes) and sent as X-API-Key. Reads never need it.
  const KEY_STORE = "factcheck.apiKey";
  const keyForm = byId("key-form");
  const keyInput = byId("api-key");
  const keyStatus = byId("key-status");
  let apiKey = "";
  try {
    apiKey = window.sessionStorage.getItem(KEY_STORE) || "";
  } catch (_) {
    apiKey = ""; // storage refused (a private window): the key lasts until the page is left
  }
  if (apiKey) keyForm.hidden = false;

  let sourcesById = new Map();
  let sourcesLoaded = Promise.resolve();
  let checking = false; // Ctrl+Enter submits even while the button is disabled

  // -- DOM helpers: text only ---------------------------------------------------------------------------
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function link(href, text, className) {
    const anchor = el("a", className, text);
    anchor.href = href;
    return anchor;
  }

  function button(text, className) {
    const node = el("button", className, text);
    node.type = "button";
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function verdictBadge(verdict, className) {
    const known = VERDICTS.includes(verdict) ? verdict : "unverified";
    const badge = el("span", "verdict verdict-" + known + (className ? " " + className : ""), verdict);
    badge.dataset.verdict = known;
    return badge;
  }

  function topicBadge(status) {
    const style = { conflict: "conflict", agree: "agree" }[status] || "unverified";
    const badge = el("span", "verdict small topic-status verdict-" + style, TOPIC_WORDS[status] || status);
    badge.dataset.status = String(status);
    return badge;
  }

  function plural(n, word) {
    return n + " " + word + (n === 1 ? "" : "s");
  }

  function isOffset(n) {
    return Number.isInteger(n) && n >= 0;
  }

  function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }

  function formatBytes(n) {
    if (!Number.isFinite(n)) return "? bytes";
    if (n < 1024) return plural(n, "byte");
    const units = ["KiB", "MiB", "GiB"];
    let value = n / 1024;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit += 1;
    }
    return value.toFixed(value < 10 ? 1 : 0) + " " + units[unit];
  }

  // A quote with [from, to) (code points into text) marked; the whole text unmarked when the range is not in it.
  function markedQuote(text, from, to) {
    const quote = el("blockquote", "sentence");
    const chars = Array.from(String(text === undefined || text === null ? "" : text));
    if (isOffset(from) && Number.isInteger(to) && from < to && to <= chars.length) {
      quote.append(
        chars.slice(0, from).join(""),
        el("mark", null, chars.slice(from, to).join("")),
        chars.slice(to).join(""),
      );
    } else {
      quote.textContent = chars.join("");
    }
    return quote;
  }

  // -- routes ---------------------------------------------------------------------------------------------
  function sourceHash(id, start, end) {
    const range = isOffset(start) && isOffset(end) ? "/" + start + "-" + end : "";
    return "#source/" + encodeURIComponent(id) + range;
  }

  function reportHash(id) {
    return "#report/" + encodeURIComponent(id);
  }

  function sourcePath(id, part) {
    return SOURCES + "/" + encodeURIComponent(id) + (part ? "/" + part : "");
  }

  function reportPath(id) {
    return "/v1/reports/" + encodeURIComponent(id);
  }

  // -- API ------------------------------------------------------------------------------------------------
  class ApiError extends Error {
    constructor(status, code, message) {
      super(message);
      this.status = status;
      this.code = code;
    }
  }

  // One request; options: json (a body sent as JSON), raw (a Blob sent as it is), timeoutMs. Answers
  // {status, data}: data is the JSON body (null for a 204). Errors become ApiError with the service's message.
  async function request(method, path, options) {
    const opts = options || {};
    const timeoutMs = opts.timeoutMs || REQUEST_TIMEOUT_MS;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const headers = { Accept: "application/json" };
    if (apiKey) headers["X-API-Key"] = apiKey;
    let body;
    if (opts.json !== undefined) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(opts.json);
    } else if (opts.raw !== undefined) {
      headers["Content-Type"] = "application/octet-stream";
      body = opts.raw;
    }
    let response;
    let text;
    try {
      response = await fetch(path, {
        method: method,
        headers: headers,
        body: body,
        signal: controller.signal,
        credentials: "same-origin",
        cache: "no-store",
      });
      text = await response.text();
    } catch (err) {
      const why = controller.signal.aborted
        ? "the service did not answer within " + timeoutMs / 1000 + " seconds"
        : "could not reach the service (" + (err && err.message ? err.message : String(err)) + ")";
      throw new ApiError(0, "network", why);
    } finally {
      clearTimeout(timer);
    }
    let data = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch (_) {
      data = null;
    }
    if (!response.ok) {
      const error = data && typeof data === "object" ? data.error : null;
      if (response.status === 401 || response.status === 403) askForKey(response.status);
      if (error && typeof error.code === "string" && typeof error.message === "string") {
        throw new ApiError(response.status, error.code, error.message);
      }
      const reason = response.statusText || "unexpected answer";
      throw new ApiError(response.status, "http_" + response.status, reason + " (HTTP " + response.status + ")");
    }
    if (response.status === 204) return { status: 204, data: null };
    if (data === null || typeof data !== "object") {
      throw new ApiError(response.status, "bad_response", "the service answered with something other than JSON");
    }
    return { status: response.status, data: data };
  }

  function askForKey(status) {
    keyForm.hidden = false;
    keyStatus.textContent = status === 401
      ? "This service needs a write key: enter it above, then try again."
      : "The service did not accept this key: check it, then try again.";
  }

  function useKey(event) {
    event.preventDefault();
    apiKey = keyInput.value.trim();
    keyInput.value = "";
    try {
      if (apiKey) window.sessionStorage.setItem(KEY_STORE, apiKey);
      else window.sessionStorage.removeItem(KEY_STORE);
    } catch (_) {
      // kept in memory only
    }
    keyStatus.textContent = apiKey ? "The key will be sent with each request from this tab." : "No key is sent.";
  }

  function forgetKey() {
    apiKey = "";
    keyInput.value = "";
    try {
      window.sessionStorage.removeItem(KEY_STORE);
    } catch (_) {
      // nothing stored
    }
    keyStatus.textContent = "The key is forgotten: no key is sent.";
  }

  async function api(method, path, body) {
    return (await request(method, path, body === undefined ? {} : { json: body })).data;
  }

  // The error in one line: its message, then its code and status when the service sent them.
  function errorText(err) {
    const message = err instanceof Error ? err.message : String(err);
    return err instanceof ApiError && err.status ? message + " (" + err.code + ", HTTP " + err.status + ")" : message;
  }

  function showErrorIn(box, what, err) {
    clear(box);
    box.append(el("strong", null, what + ": "));
    const isApi = err instanceof ApiError;
    const message = err instanceof Error ? err.message : String(err);
    box.append(el("span", "error-message", message));
    if (isApi && err.status) {
      box.append(el("span", "error-code", " (" + err.code + ", HTTP " + err.status + ")"));
    }
    if (isApi && err.code === "not_ready") {
      box.append(el("span", null, " The service is still loading; try again in a moment."));
    }
    box.hidden = false;
  }

  function hideErrorIn(box) {
    box.hidden = true;
    clear(box);
  }

  function showError(what, err) {
    showErrorIn(errorBox, what, err);
  }

  function hideError() {
    hideErrorIn(errorBox);
  }

  // -- sources ----------------------------------------------------------------------------------------------
  function sourceLabel(id) {
    const source = sourcesById.get(id);
    return source && (source.outlet || source.title) ? source.outlet || source.title : id;
  }

  // The outlet (or title) of a source, followed by its id when the two differ.
  function sourceName(id, className) {
    const name = el("span", className);
    const label = sourceLabel(id);
    name.append(el("span", "source-name", label));
    if (label !== id) name.append(" ", el("span", "mono muted", "(" + id + ")"));
    return name;
  }

  function selectedSourceIds() {
    return Array.from(choices.querySelectorAll("input[type=checkbox]:checked"), (box) => box.value);
  }

  function sourceRow(source) {
    const row = el("tr");
    row.dataset.sourceId = source.id;
    const idCell = el("td", "mono");
    idCell.append(link(sourceHash(source.id), source.id));
    const actions = el("td", "actions");
    showDeleteButton(actions, source, false);
    row.append(
      idCell,
      el("td", null, source.outlet || "—"),
      el("td", null, source.title || "—"),
      el("td", "nowrap", source.published_at || "—"),
      el("td", "num", source.sentences),
      actions,
    );
    return row;
  }

  function sourceChoice(source, index, ticked) {
    const item = el("li");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.id = "source-choice-" + index;
    box.value = source.id;
    box.checked = ticked.has(source.id);
    const label = el("label");
    label.htmlFor = box.id;
    label.append(el("span", null, source.outlet || source.title || source.id), " ");
    label.append(el("span", "mono muted", "(" + source.id + ")"));
    item.append(box, label);
    return item;
  }

  function renderSources(items, total) {
    const ticked = new Set(selectedSourceIds());
    sourcesById = new Map(items.map((source) => [source.id, source]));
    clear(sourcesBody);
    clear(choices);
    items.forEach((source, index) => {
      sourcesBody.append(sourceRow(source));
      choices.append(sourceChoice(source, index, ticked));
    });
    if (!items.length) {
      const row = el("tr");
      const cell = el("td", "muted", "No sources are stored yet: add articles above.");
      cell.colSpan = 6;
      row.append(cell);
      sourcesBody.append(row);
      choices.append(el("li", "muted", "No sources yet."));
    }
    sourcesSummary.textContent =
      items.length < total
        ? "Showing the first " + items.length + " of " + plural(total, "source") + "."
        : plural(total, "source") + " stored.";
  }

  async function fetchSources() {
    refreshButton.disabled = true;
    try {
      const items = [];
      let total = 0;
      while (items.length < MAX_SOURCES_LISTED) {
        const page = await api("GET", SOURCES + "?offset=" + items.length + "&limit=" + SOURCES_PAGE);
        total = page.total;
        items.push(...page.items);
        if (!page.items.length || items.length >= total) break;
      }
      renderSources(items, total);
    } catch (err) {
      sourcesSummary.textContent = "The sources could not be loaded.";
      showError("Could not load the sources", err);
    } finally {
      refreshButton.disabled = false;
    }
  }

  function loadSources() {
    sourcesLoaded = fetchSources();
    return sourcesLoaded;
  }

  // -- deleting a source: a Delete button, then Confirm delete / Cancel in its place ------------------------
  function showDeleteButton(cell, source, focus) {
    clear(cell);
    const remove = button("Delete", "delete");
    remove.setAttribute("aria-label", "Delete " + source.id);
    remove.addEventListener("click", () => askToDelete(cell, source));
    cell.append(remove);
    if (focus) remove.focus();
  }

  function askToDelete(cell, source) {
    clear(cell);
    const confirm = button("Confirm delete", "danger");
    confirm.setAttribute("aria-label", "Confirm delete of " + source.id);
    const cancel = button("Cancel");
    cancel.setAttribute("aria-label", "Cancel delete of " + source.id);
    confirm.addEventListener("click", () => deleteSource(cell, source, [confirm, cancel]));
    cancel.addEventListener("click", () => showDeleteButton(cell, source, true));
    [confirm, cancel].forEach((b) => b.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && !b.disabled) showDeleteButton(cell, source, true);
    }));
    cell.append(el("span", "confirm-question", "Delete " + source.id + "?"), " ", confirm, " ", cancel);
    sourcesStatus.textContent = "Confirm to delete " + source.id + " with its sentences and claims, or cancel.";
    confirm.focus();
  }

  async function deleteSource(cell, source, buttons) {
    hideErrorIn(sourcesError);
    buttons.forEach((b) => {
      b.disabled = true;
    });
    sourcesStatus.textContent = "Deleting " + source.id + "…";
    try {
      await request("DELETE", sourcePath(source.id));
      forgetSource(source.id);
      sourcesStatus.textContent = "Deleted " + source.id + ".";
      await loadSources();
      byId("sources-heading").focus();
    } catch (err) {
      sourcesStatus.textContent = source.id + " was not deleted.";
      showErrorIn(sourcesError, "Could not delete " + source.id, err);
      showDeleteButton(cell, source, true);
    }
  }

  // -- check results ----------------------------------------------------------------------------------------
  function highlightedSentence(evidence) {
    const mark = evidence.highlight;
    if (mark && Number.isInteger(mark.start) && Number.isInteger(mark.end) && Number.isInteger(evidence.start)) {
      return markedQuote(evidence.sentence, mark.start - evidence.start, mark.end - evidence.start);
    }
    return markedQuote(evidence.sentence);
  }

  function evidenceItem(evidence, sourceId) {
    const item = el("li", "evidence");
    item.dataset.verdict = evidence.verdict;
    const head = el("div", "evidence-head");
    head.append(verdictBadge(evidence.verdict, "small"));
    item.append(head, highlightedSentence(evidence));
    const similarity = typeof evidence.similarity === "number" ? evidence.similarity.toFixed(2) : "?";
    const meta = el("p", "evidence-meta");
    meta.append(el("span", null, evidence.reason));
    meta.append(el("span", "muted", " · characters " + evidence.start + "–" + evidence.end + ", similarity " + similarity));
    if (isOffset(evidence.start) && isOffset(evidence.end)) {
      meta.append(" · ", link(sourceHash(sourceId, evidence.start, evidence.end), "Show in the article", "source-link"));
    }
    item.append(meta);
    return item;
  }

  function evidenceList(items, sourceId, label) {
    const list = el("ul", "evidence-list");
    if (label) list.setAttribute("aria-label", label);
    items.forEach((e) => list.append(evidenceItem(e, sourceId)));
    return list;
  }

  function sourceCard(source) {
    const card = el("li", "source-result");
    card.dataset.sourceId = source.source_id;
    card.dataset.verdict = source.verdict;
    const head = el("div", "source-head");
    const title = el("h3", null, sourceLabel(source.source_id));
    if (sourceLabel(source.source_id) !== source.source_id) {
      title.append(" ", el("span", "mono muted", "(" + source.source_id + ")"));
    }
    head.append(title, verdictBadge(source.verdict, "source-verdict"));
    card.append(head, el("p", "reason", source.reason));

    const evidence = Array.isArray(source.evidence) ? source.evidence : [];
    const deciding = evidence.filter((e) => e.verdict !== "unverified");
    const shown = deciding.length ? deciding : evidence.slice(0, 1);
    const rest = evidence.filter((e) => !shown.includes(e));
    if (shown.length) card.append(evidenceList(shown, source.source_id, "Deciding sentences"));
    if (rest.length) {
      const more = el("details", "more-evidence");
      const label = rest.length === 1 ? "1 more close sentence that does not decide" : rest.length + " more close sentences that do not decide";
      more.append(el("summary", null, label), evidenceList(rest, source.source_id));
      card.append(more);
    }
    return card;
  }

  function countVerdicts(sources) {
    const counts = VERDICTS.map((v) => [v, sources.filter((s) => s.verdict === v).length]);
    return counts.filter(([, n]) => n > 0).map(([v, n]) => n + " " + v).join(", ");
  }

  function renderResult(data) {
    clear(resultBody);
    const sources = Array.isArray(data.sources) ? data.sources : [];
    const summary = countVerdicts(sources) || "no sources";

    const overall = el("p", "overall");
    overall.append(el("span", "overall-label", "Overall: "));
    const badge = verdictBadge(data.verdict, "large");
    badge.id = "overall-verdict";
    overall.append(badge, el("span", "muted", " (" + summary + ")"));
    resultBody.append(overall);

    const claim = data.claim || {};
    const checked = el("p", "claim-echo");
    checked.append(el("span", "muted", "Claim checked: "), el("q", null, claim.text));
    resultBody.append(checked);
    const parts = Array.isArray(claim.parts) ? claim.parts : [];
    if (parts.length) {
      resultBody.append(el("p", "read-as-label", "Read as:"));
      const list = el("ul", "read-as");
      parts.forEach((part) => list.append(el("li", null, part.description)));
      resultBody.append(list);
    } else {
      resultBody.append(el("p", "muted", "Read as free text (no figure, role, party, group, place or time): judged by meaning."));
    }

    if (!sources.length) {
      resultBody.append(el("p", "muted", "No sources are stored, so nothing can be checked yet."));
    } else {
      const list = el("ol", "source-results");
      list.setAttribute("aria-label", "Verdict per source");
      sources.forEach((source) => list.append(sourceCard(source)));
      resultBody.append(list);
    }
    resultSection.hidden = false;
    statusLine.textContent = "Overall verdict: " + data.verdict + " (" + summary + ").";
  }

  // -- the check form ---------------------------------------------------------------------------------------
  function clearResult() {
    resultSection.hidden = true;
    clear(resultBody);
    statusLine.textContent = "";
  }

  async function check(event) {
    event.preventDefault();
    if (checking) return;
    hideError();
    clearResult(); // never leave the verdict of an earlier claim next to this one
    const claim = claimInput.value.trim();
    if (!claim) {
      claimInput.setAttribute("aria-invalid", "true");
      showError("Nothing to check", new Error("type or paste a claim first"));
      claimInput.focus();
      return;
    }
    claimInput.removeAttribute("aria-invalid");
    const body = { claim: claim };
    const topK = topKInput.value.trim();
    if (topK !== "") body.top_k = Number(topK);
    const ids = selectedSourceIds();
    if (ids.length) body.source_ids = ids;

    checking = true;
    checkButton.disabled = true;
    statusLine.textContent = "Checking the claim…";
    try {
      renderResult(await api("POST", "/v1/claims/check", body));
    } catch (err) {
      statusLine.textContent = "The claim could not be checked.";
      showError("Could not check the claim", err);
    } finally {
      checking = false;
      checkButton.disabled = false;
    }
  }

  // -- topics: a fact as a report compares it, each source's value side by side ------------------------------
  function valueCell(claim) {
    const cell = el("li", "value-cell");
    cell.dataset.sourceId = claim.source_id;
    cell.append(el("p", "value", claim.value || claim.text), sourceName(claim.source_id, "value-source"));
    const sentenceStart = claim.sentence_start;
    const words = isOffset(sentenceStart) ? [claim.start - sentenceStart, claim.end - sentenceStart] : [];
    cell.append(markedQuote(claim.sentence, words[0], words[1]));
    if (isOffset(sentenceStart) && isOffset(claim.sentence_end)) {
      cell.append(link(sourceHash(claim.source_id, sentenceStart, claim.sentence_end), "Read it in the article", "source-link"));
    }
    return cell;
  }

  function topicCard(topic, headingTag) {
    const card = el("li", "topic");
    card.dataset.status = String(topic.status);
    card.dataset.topicId = String(topic.id);
    const head = el("div", "topic-head");
    head.append(el(headingTag, "topic-label", topic.label || topic.kind || topic.id), topicBadge(topic.status));
    card.append(head);
    if (topic.reason) card.append(el("p", "reason", topic.reason));
    const values = el("ul", "values");
    values.setAttribute("aria-label", "What each source says");
    (Array.isArray(topic.claims) ? topic.claims : []).forEach((claim) => values.append(valueCell(claim)));
    card.append(values);
    return card;
  }

  function topicList(topics, headingTag, className) {
    const list = el("ol", "topics" + (className ? " " + className : ""));
    topics.forEach((topic) => list.append(topicCard(topic, headingTag)));
    return list;
  }

  function sortTopics(topics) {
    const rank = (topic) => {
      const at = TOPIC_ORDER.indexOf(topic.status);
      return at < 0 ? TOPIC_ORDER.length : at;
    };
    return topics
      .map((topic, index) => [topic, index])
      .sort((a, b) => rank(a[0]) - rank(b[0]) || a[1] - b[1])
      .map(([topic]) => topic);
  }

  // -- adding sources: what an article brings on arrival ------------------------------------------------------
  // conflicts absent (an older service) means "not known", never "none".
  function arrivalSummary(stored) {
    const conflicts = stored.conflicts;
    if (!Array.isArray(conflicts)) return "Conflicts with stored sources are not known: the service did not report them.";
    if (conflicts.length) return "This article contradicts " + plural(conflicts.length, "stored fact") + ":";
    const compared = Array.isArray(stored.compared) ? stored.compared : null;
    if (compared && !compared.length) return "No conflicts with stored sources (none tells the same story).";
    return "No conflicts with stored sources" + (compared ? " (compared with " + plural(compared.length, "source") + ")." : ".");
  }

  function arrivalPanel(stored, unchanged) {
    const panel = el("div", "arrival");
    panel.dataset.sourceId = stored.id;
    const line = el("p", "arrival-stored");
    line.append(
      unchanged ? "Already stored, unchanged: " : "Stored ",
      link(sourceHash(stored.id), stored.id),
      " (" + plural(stored.sentences, "sentence") + ", " + plural(stored.claims, "claim") + ").",
    );
    const conflicts = Array.isArray(stored.conflicts) ? stored.conflicts : null;
    const state = conflicts === null ? "unknown" : conflicts.length ? "conflicts" : "none";
    const summary = el("p", "arrival-summary arrival-" + state, arrivalSummary(stored));
    panel.dataset.conflicts = state;
    panel.append(line, summary);
    if (conflicts && conflicts.length) panel.append(topicList(conflicts, "h4", "compact"));
    return panel;
  }

  const addForm = byId("add-form");
  const addText = byId("add-text");
  const addButton = byId("add-button");
  const addError = byId("add-error");
  const addStatus = byId("add-status");
  const addResult = byId("add-result");
  const addFields = [
    ["title", byId("add-title")],
    ["outlet", byId("add-outlet")],
    ["published_at", byId("add-date")],
    ["url", byId("add-url")],
    ["id", byId("add-id")],
  ];
  let adding = false;

  async function addPasted(event) {
    event.preventDefault();
    if (adding) return;
    hideErrorIn(addError);
    clear(addResult);
    if (!addText.value.trim()) {
      addText.setAttribute("aria-invalid", "true");
      showErrorIn(addError, "Nothing to add", new Error("paste the article's text first"));
      addText.focus();
      return;
    }
    addText.removeAttribute("aria-invalid");
    const body = { text: addText.value };
    addFields.forEach(([name, input]) => {
      const value = input.value.trim();
      if (value) body[name] = value;
    });
    adding = true;
    addButton.disabled = true;
    addStatus.textContent = "Adding the article: splitting, embedding and comparing it with the stored sources…";
    try {
      const answer = await request("POST", SOURCES, { json: body, timeoutMs: WRITE_TIMEOUT_MS });
      addForm.reset();
      await loadSources(); // the outlets of the sources it conflicts with
      addResult.append(arrivalPanel(answer.data, answer.status === 200));
      addStatus.textContent = (answer.status === 200 ? "Already stored: " : "Added ") + answer.data.id + ". " +
        arrivalSummary(answer.data).replace(/:$/, ".");
    } catch (err) {
      addStatus.textContent = "The article could not be added.";
      showErrorIn(addError, "Could not add the article", err);
    } finally {
      adding = false;
      addButton.disabled = false;
    }
  }

  // -- uploading files: one request per file, one after the other; one line per file -------------------------
  const uploadForm = byId("upload-form");
  const fileInput = byId("upload-files");
  const uploadButton = byId("upload-button");
  const uploadList = byId("upload-list");
  let uploading = false;

  function uploadRow(file) {
    const item = el("li", "upload");
    const state = el("span", "upload-state");
    const line = el("p", "upload-line");
    line.append(el("span", "upload-name", file.name), " ", state);
    item.append(line);
    const row = { file: file, item: item, state: state };
    setUploadState(row, "queued", "queued");
    return row;
  }

  function setUploadState(row, state, text) {
    row.item.dataset.state = state;
    row.state.textContent = text;
  }

  function uploadOutcome(stored, refused) {
    if (!stored.length) {
      return refused.length === 1 ? "refused: " + refused[0].error : "refused: " + plural(refused.length, "record") + ", nothing stored";
    }
    const fresh = stored.filter((s) => s.status !== "unchanged").length;
    const parts = [];
    if (fresh) parts.push(fresh + " new");
    if (stored.length - fresh) parts.push(stored.length - fresh + " unchanged");
    return "stored " + plural(stored.length, "source") + " (" + parts.join(", ") + ")" +
      (refused.length ? ", refused " + plural(refused.length, "record") : "");
  }

  // Sends one file; answers whether anything of it was stored. Its line says the outcome, and so does the
  // status line (announced).
  async function uploadOne(row, position) {
    setUploadState(row, "sending", "sending " + formatBytes(row.file.size) + "…");
    addStatus.textContent = "Uploading file " + position + ": " + row.file.name + "…";
    const stored = await sendFile(row);
    addStatus.textContent = "File " + position + ", " + row.file.name + ": " + row.state.textContent + ".";
    return stored;
  }

  async function sendFile(row) {
    let answer;
    try {
      const path = SOURCES + "/file?name=" + encodeURIComponent(row.file.name);
      answer = (await request("POST", path, { raw: row.file, timeoutMs: WRITE_TIMEOUT_MS })).data;
    } catch (err) {
      setUploadState(row, "refused", "refused: " + errorText(err));
      return false;
    }
    const stored = Array.isArray(answer.stored) ? answer.stored : [];
    const refused = Array.isArray(answer.refused) ? answer.refused : [];
    if (stored.length) await loadSources(); // the outlets of the sources it conflicts with
    setUploadState(row, stored.length ? "stored" : "refused", uploadOutcome(stored, refused));
    stored.forEach((entry) => row.item.append(arrivalPanel(entry, entry.status === "unchanged")));
    if (refused.length) {
      const list = el("ul", "refused-records");
      list.setAttribute("aria-label", "Records refused");
      refused.forEach((r) => list.append(el("li", null, "refused " + r.record + ": " + r.error)));
      row.item.append(list);
    }
    return stored.length > 0;
  }

  async function uploadFiles(event) {
    event.preventDefault();
    if (uploading) return;
    hideErrorIn(addError);
    const files = Array.from(fileInput.files || []);
    if (!files.length) {
      fileInput.setAttribute("aria-invalid", "true");
      showErrorIn(addError, "Nothing to upload", new Error("choose one or more files first"));
      fileInput.focus();
      return;
    }
    fileInput.removeAttribute("aria-invalid");
    uploading = true;
    uploadButton.disabled = true;
    clear(uploadList);
    const rows = files.map(uploadRow);
    rows.forEach((row) => uploadList.append(row.item));
    let storedFiles = 0;
    for (const [index, row] of rows.entries()) {
      if (await uploadOne(row, index + 1 + " of " + rows.length)) storedFiles += 1;
    }
    addStatus.textContent = "Uploaded " + plural(files.length, "file") + ": " + storedFiles + " stored, " +
      (files.length - storedFiles) + " refused.";
    fileInput.value = "";
    uploading = false;
    uploadButton.disabled = false;
  }

  // -- reports (main view) ------------------------------------------------------------------------------
  const reportButton = byId("report-button");
  const reportStatus = byId("report-status");
  const reportsList = byId("reports-list");

  function reportItem(report) {
    const item = el("li", "report");
    const summary = report.summary || {};
    item.append(
      el("strong", null, "Report " + report.id),
      ": " + plural(summary.conflict || 0, "conflict") + ", " + plural(summary.agree || 0, "agreement") + ", " +
        (summary.single_source || 0) + " single-source · ",
      link(reportHash(report.id), "Open in the page"),
      " · ",
    );
    item.append(...renderingLinks(report.id));
    return item;
  }

  function renderingLinks(id) {
    const links = [];
    ["html", "md", "csv", "json"].forEach((format, index) => {
      const anchor = link(reportPath(id) + (format === "json" ? "" : "?format=" + format), format.toUpperCase());
      if (format === "html") anchor.target = "_blank";
      if (index) links.push(" · ");
      links.push(anchor);
    });
    return links;
  }

  // A report, followed until it is done (or failed); onProgress is told each running stage.
  async function finishedReport(report, onProgress, stillWanted) {
    let current = report;
    while (current.status === "running") {
      const progress = current.progress || {};
      onProgress((progress.stage || "") + " " + (progress.done || 0) + "/" + (progress.total || 0));
      await sleep(1000);
      if (stillWanted && !stillWanted()) return null;
      current = await api("GET", reportPath(current.id));
    }
    if (current.status !== "done") throw new Error(current.error || "the report failed");
    return current;
  }

  async function buildReport() {
    hideError();
    const ids = selectedSourceIds();
    reportButton.disabled = true;
    reportStatus.textContent = "Building the report…";
    try {
      const started = await api("POST", "/v1/reports", ids.length ? { source_ids: ids } : {});
      const report = await finishedReport(started, (progress) => {
        reportStatus.textContent = "Building the report… " + progress;
      });
      reportsList.prepend(reportItem(report));
      reportStatus.textContent = "Report " + report.id + " is ready.";
    } catch (err) {
      reportStatus.textContent = "The report could not be built.";
      showError("Could not build the report", err);
    } finally {
      reportButton.disabled = false;
    }
  }

  function tickAll(value) {
    choices.querySelectorAll("input[type=checkbox]").forEach((box) => {
      box.checked = value;
    });
  }

  // -- the source view --------------------------------------------------------------------------------------
  const sourceTitle = byId("source-title");
  const sourceMeta = byId("source-meta");
  const sourceError = byId("source-error");
  const sourceStatus = byId("source-status");
  const sourceText = byId("source-text");
  const claimsStatus = byId("claims-status");
  const claimsList = byId("source-claims");
  const conflictsStatus = byId("conflicts-status");
  const conflictsList = byId("source-conflicts");
  // The source shown: its id, its record (null while loading) and its text as code points. token tells a
  // response still wanted from one for a source the reader has left.
  const shown = { id: null, source: null, chars: null, token: 0 };

  function forgetSource(id) {
    if (shown.id === id) shown.id = null;
  }

  // Only web addresses become links; anything else (javascript:, data:, ...) stays text.
  function webAddress(value) {
    if (typeof value !== "string" || !value) return null;
    try {
      const url = new URL(value);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (_) {
      return null;
    }
  }

  function resetSourceView(id) {
    hideErrorIn(sourceError);
    sourceTitle.textContent = id;
    clear(sourceMeta);
    clear(sourceText);
    clear(claimsList);
    clear(conflictsList);
    claimsStatus.textContent = "";
    conflictsStatus.textContent = "";
    sourceStatus.textContent = "Loading " + id + "…";
  }

  function renderSourceHead(source) {
    sourceTitle.textContent = source.title || source.id;
    document.title = "factcheck: " + (source.title || source.id);
    clear(sourceMeta);
    const parts = [];
    if (source.outlet) parts.push(el("span", "source-outlet", source.outlet));
    parts.push(el("span", "nowrap", source.published_at ? "published " + source.published_at : "date unknown"));
    parts.push(el("span", "mono", source.id));
    parts.push(el("span", null, plural(source.sentences, "sentence") + ", " + plural(source.claims, "claim")));
    const address = webAddress(source.url);
    if (address) {
      const anchor = link(address, "original article", "external");
      anchor.rel = "noopener noreferrer";
      anchor.target = "_blank";
      parts.push(anchor);
    } else if (source.url) {
      parts.push(el("span", "muted", "address: " + source.url));
    }
    parts.forEach((part, index) => {
      if (index) sourceMeta.append(" · ");
      sourceMeta.append(part);
    });
  }

  // The text with [start, end) marked and scrolled to; the whole text when no range (or one outside it).
  function showPassage(range) {
    const chars = shown.chars;
    clear(sourceText);
    const fits = range && range.start < range.end && range.end <= chars.length;
    if (fits) {
      const mark = el("mark", "passage", chars.slice(range.start, range.end).join(""));
      sourceText.append(chars.slice(0, range.start).join(""), mark, chars.slice(range.end).join(""));
      sourceStatus.textContent = "Highlighted characters " + range.start + "–" + range.end + ": " + mark.textContent;
      const box = mark.getBoundingClientRect();
      if (box.top < 0 || box.bottom > window.innerHeight) mark.scrollIntoView({ block: "center" });
    } else {
      sourceText.textContent = shown.source.text;
      sourceStatus.textContent = range
        ? "Characters " + range.start + "–" + range.end + " are not in this article (" +
          plural(chars.length, "character") + "): nothing is highlighted."
        : "Showing the article's stored text.";
    }
    markCurrentClaim(fits ? range : null);
  }

  function markCurrentClaim(range) {
    claimsList.querySelectorAll("a[data-start]").forEach((anchor) => {
      const current = range && Number(anchor.dataset.start) === range.start && Number(anchor.dataset.end) === range.end;
      if (current) anchor.setAttribute("aria-current", "true");
      else anchor.removeAttribute("aria-current");
    });
  }

  function claimItem(id, claim) {
    const item = el("li", "claim");
    item.dataset.kind = String(claim.kind);
    const anchor = link(sourceHash(id, claim.start, claim.end), null, "claim-link");
    anchor.dataset.start = String(claim.start);
    anchor.dataset.end = String(claim.end);
    anchor.append(el("span", "claim-kind", claim.kind), " ", el("span", "claim-value", claim.value || claim.text));
    item.append(anchor);
    if (claim.text && claim.text !== claim.value) item.append(" ", el("q", "claim-words", claim.text));
    return item;
  }

  // A part of the source view that the service may not offer (older versions): its 404 is said plainly.
  function partError(what, err) {
    if (err instanceof ApiError && (err.status === 404 || err.status === 405) && shown.source) {
      return "This service does not list a source's " + what + " (HTTP " + err.status + ").";
    }
    return "The " + what + " could not be loaded: " + errorText(err);
  }

  async function loadSourceClaims(id, token) {
    claimsStatus.textContent = "Loading the claims…";
    try {
      const data = await api("GET", sourcePath(id, "claims"));
      if (token !== shown.token) return;
      const claims = (Array.isArray(data.claims) ? data.claims : []).slice().sort((a, b) => a.start - b.start);
      clear(claimsList);
      claims.forEach((claim) => claimsList.append(claimItem(id, claim)));
      claimsStatus.textContent = claims.length
        ? plural(claims.length, "claim") + " (figures, roles, groups, places, times): choose one to highlight it."
        : "No typed claims were read in this article.";
      markCurrentClaim(currentRoute().range);
    } catch (err) {
      if (token === shown.token) claimsStatus.textContent = partError("claims", err);
    }
  }

  async function loadSourceConflicts(id, token) {
    conflictsStatus.textContent = "Comparing with the other sources…";
    try {
      const data = await api("GET", sourcePath(id, "conflicts"));
      if (token !== shown.token) return;
      const topics = Array.isArray(data.topics) ? data.topics : [];
      const compared = Array.isArray(data.compared) ? data.compared : null;
      clear(conflictsList);
      topics.forEach((topic) => conflictsList.append(topicCard(topic, "h4")));
      const against = compared ? " (compared with " + plural(compared.length, "source") + ")" : "";
      conflictsStatus.textContent = topics.length
        ? "Other sources contradict " + plural(topics.length, "fact") + " of this article" + against + ":"
        : "No conflicts with other sources" + against + ".";
    } catch (err) {
      if (token === shown.token) conflictsStatus.textContent = partError("conflicts", err);
    }
  }

  async function openSource(route, entering) {
    showView("source");
    if (!entering && shown.id === route.id) {
      if (shown.chars) showPassage(route.range); // else: the load in flight shows the latest range
      return;
    }
    const token = ++shown.token;
    Object.assign(shown, { id: route.id, source: null, chars: null });
    resetSourceView(route.id);
    document.title = "factcheck: " + route.id;
    window.scrollTo(0, 0);
    sourceTitle.focus({ preventScroll: true });
    await sourcesLoaded; // the outlets named in the conflicts
    let source;
    try {
      source = await api("GET", sourcePath(route.id));
    } catch (err) {
      if (token !== shown.token) return;
      shown.id = null;
      sourceStatus.textContent = "The source could not be opened.";
      showErrorIn(sourceError, "Could not open " + route.id, err);
      return;
    }
    if (token !== shown.token) return;
    Object.assign(shown, { source: source, chars: Array.from(String(source.text || "")) });
    renderSourceHead(source);
    showPassage(currentRoute().range);
    loadSourceClaims(route.id, token);
    loadSourceConflicts(route.id, token);
  }

  // -- the report view ---------------------------------------------------------------------------------------
  const reportTitle = byId("report-title");
  const reportError = byId("report-view-error");
  const reportSummary = byId("report-summary");
  const reportLinks = byId("report-links");
  const reportFilter = byId("report-filter");
  const reportFilterOptions = byId("report-filter-options");
  const reportViewStatus = byId("report-view-status");
  const reportTopics = byId("report-topics");
  const opened = { id: null, report: null, topics: [], filter: "all", token: 0 };

  function renderReportFilter() {
    clear(reportFilterOptions);
    FILTERS.forEach(([value, label]) => {
      const count = value === "all" ? opened.topics.length : opened.topics.filter((t) => t.status === value).length;
      const radio = document.createElement("input");
      radio.type = "radio";
      radio.name = "report-filter";
      radio.id = "report-filter-" + value.replace("_", "-");
      radio.value = value;
      radio.checked = opened.filter === value;
      radio.addEventListener("change", () => {
        opened.filter = value;
        renderReportTopics();
      });
      const text = el("label", null, label + " (" + count + ")");
      text.htmlFor = radio.id;
      const option = el("span", "filter-option");
      option.append(radio, text);
      reportFilterOptions.append(option);
    });
    reportFilter.hidden = false;
  }

  function renderReportTopics() {
    const filter = opened.filter;
    const topics = filter === "all" ? opened.topics : opened.topics.filter((t) => t.status === filter);
    clear(reportTopics);
    topics.forEach((topic) => reportTopics.append(topicCard(topic, "h3")));
    if (!topics.length) reportTopics.append(el("li", "muted empty", "No topic of this kind in the report."));
    const named = FILTERS.find(([value]) => value === filter);
    const kind = filter === "all" ? "conflicts first" : (named ? named[1] : filter).toLowerCase();
    reportViewStatus.textContent = "Showing " + plural(topics.length, "topic") + " (" + kind + ").";
  }

  function renderReport(report) {
    const topics = sortTopics(Array.isArray(report.topics) ? report.topics : []);
    Object.assign(opened, { report: report, topics: topics });
    const sources = Array.isArray(report.sources) ? report.sources : [];
    const count = (status) => topics.filter((t) => t.status === status).length;
    reportTitle.textContent = "Report " + report.id;
    document.title = "factcheck: report " + report.id;
    clear(reportSummary);
    reportSummary.append(
      el("strong", null, plural(count("conflict"), "conflict")),
      ", " + plural(count("agree"), "agreement") + ", " + count("single_source") + " single-source, across " +
        plural(sources.length, "source") + ": ",
    );
    sources.forEach((id, index) => {
      if (index) reportSummary.append(", ");
      const anchor = link(sourceHash(id));
      anchor.append(sourceName(id));
      reportSummary.append(anchor);
    });
    clear(reportLinks);
    reportLinks.append("Also as ", ...renderingLinks(report.id));
    renderReportFilter();
    renderReportTopics();
  }

  function resetReportView(id) {
    hideErrorIn(reportError);
    reportTitle.textContent = "Report " + id;
    document.title = "factcheck: report " + id;
    clear(reportSummary);
    clear(reportLinks);
    clear(reportTopics);
    reportFilter.hidden = true;
    Object.assign(opened, { id: id, report: null, topics: [], filter: "all" });
  }

  async function openReport(route, entering) {
    showView("report");
    if (entering) {
      window.scrollTo(0, 0);
      reportTitle.focus({ preventScroll: true });
    }
    if (opened.id === route.id && (opened.report || !entering)) {
      if (opened.report) document.title = "factcheck: report " + opened.report.id;
      return; // shown, or being loaded
    }
    const token = ++opened.token;
    resetReportView(route.id);
    reportViewStatus.textContent = "Loading the report…";
    const wanted = () => token === opened.token;
    try {
      const first = await api("GET", reportPath(route.id));
      const report = await finishedReport(first, (progress) => {
        if (wanted()) reportViewStatus.textContent = "The report is still being built… " + progress;
      }, wanted);
      await sourcesLoaded; // the outlets of its sources
      if (!wanted() || report === null) return;
      renderReport(report);
    } catch (err) {
      if (!wanted()) return;
      opened.id = null;
      reportViewStatus.textContent = "The report could not be opened.";
      showErrorIn(reportError, "Could not open report " + route.id, err);
    }
  }

  // -- views and the router -----------------------------------------------------------------------------------
  const views = { main: byId("main-view"), source: byId("source-view"), report: byId("report-view") };
  const mainTitle = document.title;
  let currentView = "main";
  let returnTo = { focus: null, scroll: 0 }; // where the reader was in the main view

  function showView(name) {
    Object.entries(views).forEach(([key, view]) => {
      view.hidden = key !== name;
    });
  }

  function parseRoute(hash) {
    let path = hash.replace(/^#/, "");
    try {
      path = decodeURIComponent(path);
    } catch (_) {
      return { view: "main", anchor: null };
    }
    let match = /^source\/([^/]+)(?:\/(\d+)-(\d+))?$/.exec(path);
    if (match) {
      const range = match[2] === undefined ? null : { start: Number(match[2]), end: Number(match[3]) };
      return { view: "source", id: match[1], range: range };
    }
    match = /^report\/([^/]+)$/.exec(path);
    if (match) return { view: "report", id: match[1] };
    return { view: "main", anchor: path || null };
  }

  function currentRoute() {
    return parseRoute(window.location.hash);
  }

  function openMain(route, entering) {
    showView("main");
    document.title = mainTitle;
    const anchor = route.anchor ? document.getElementById(route.anchor) : null;
    if (anchor && views.main.contains(anchor)) {
      if (entering) {
        anchor.scrollIntoView();
        anchor.focus();
      }
      return;
    }
    if (!entering) return;
    window.scrollTo(0, returnTo.scroll);
    const back = returnTo.focus;
    if (back && back.isConnected && views.main.contains(back)) back.focus({ preventScroll: true });
    else byId("check-heading").focus({ preventScroll: true });
  }

  function route() {
    const target = currentRoute();
    const entering = target.view !== currentView;
    if (entering && currentView === "main") returnTo = { focus: document.activeElement, scroll: window.scrollY };
    currentView = target.view;
    if (target.view === "source") openSource(target, entering);
    else if (target.view === "report") openReport(target, entering);
    else openMain(target, entering);
  }

  // -- wiring ---------------------------------------------------------------------------------------------
  form.addEventListener("submit", check);
  claimInput.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  byId("tick-all").addEventListener("click", () => tickAll(true));
  byId("untick-all").addEventListener("click", () => tickAll(false));
  refreshButton.addEventListener("click", loadSources);
  reportButton.addEventListener("click", buildReport);
  addForm.addEventListener("submit", addPasted);
  uploadForm.addEventListener("submit", uploadFiles);
  keyForm.addEventListener("submit", useKey);
  byId("key-forget").addEventListener("click", forgetKey);
  window.addEventListener("hashchange", route);
  loadSources();
  route();
})();
