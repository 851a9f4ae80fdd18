// The factcheck page: checks a claim through POST /v1/claims/check and lists GET /v1/sources.
//
// Claims, source text and metadata are untrusted. The DOM is built with createElement and textContent (or
// strings passed to append, which become text nodes) only: never innerHTML, outerHTML, insertAdjacentHTML or
// document.write. The page's Content-Security-Policy enforces the same (script-src 'self', Trusted Types).
"use strict";

(function () {
  const REQUEST_TIMEOUT_MS = 120000;
  const SOURCES_PAGE = 500; // the API's largest page
  const MAX_SOURCES_LISTED = 5000;
  const VERDICTS = ["agree", "conflict", "mixed", "unverified"];

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
  const refreshButton = byId("refresh-sources");

  let sourcesById = new Map();
  let checking = false; // Ctrl+Enter submits even while the button is disabled

  // -- DOM helpers: text only ---------------------------------------------------------------------------
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
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

  function plural(n, word) {
    return n + " " + word + (n === 1 ? "" : "s");
  }

  // -- API ------------------------------------------------------------------------------------------------
  class ApiError extends Error {
    constructor(status, code, message) {
      super(message);
      this.status = status;
      this.code = code;
    }
  }

  async function api(method, path, body) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
    const headers = { Accept: "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    let response;
    let text;
    try {
      response = await fetch(path, {
        method: method,
        headers: headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller.signal,
        credentials: "same-origin",
        cache: "no-store",
      });
      text = await response.text();
    } catch (err) {
      const why = controller.signal.aborted
        ? "the service did not answer within " + REQUEST_TIMEOUT_MS / 1000 + " seconds"
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
      if (error && typeof error.code === "string" && typeof error.message === "string") {
        throw new ApiError(response.status, error.code, error.message);
      }
      const reason = response.statusText || "unexpected answer";
      throw new ApiError(response.status, "http_" + response.status, reason + " (HTTP " + response.status + ")");
    }
    if (data === null || typeof data !== "object") {
      throw new ApiError(response.status, "bad_response", "the service answered with something other than JSON");
    }
    return data;
  }

  function showError(what, err) {
    clear(errorBox);
    errorBox.append(el("strong", null, what + ": "));
    const isApi = err instanceof ApiError;
    const message = err instanceof Error ? err.message : String(err);
    errorBox.append(el("span", "error-message", message));
    if (isApi && err.status) {
      errorBox.append(el("span", "error-code", " (" + err.code + ", HTTP " + err.status + ")"));
    }
    if (isApi && err.code === "not_ready") {
      errorBox.append(el("span", null, " The service is still loading; try again in a moment."));
    }
    errorBox.hidden = false;
  }

  function hideError() {
    errorBox.hidden = true;
    clear(errorBox);
  }

  // -- sources ----------------------------------------------------------------------------------------------
  function sourceLabel(id) {
    const source = sourcesById.get(id);
    return source && (source.outlet || source.title) ? source.outlet || source.title : id;
  }

  function selectedSourceIds() {
    return Array.from(choices.querySelectorAll("input[type=checkbox]:checked"), (box) => box.value);
  }

  function renderSources(items, total) {
    const ticked = new Set(selectedSourceIds());
    sourcesById = new Map(items.map((source) => [source.id, source]));
    clear(sourcesBody);
    clear(choices);
    items.forEach((source, index) => {
      const row = el("tr");
      row.dataset.sourceId = source.id;
      row.append(
        el("td", "mono", source.id),
        el("td", null, source.outlet || "—"),
        el("td", null, source.title || "—"),
        el("td", "nowrap", source.published_at || "—"),
        el("td", "num", source.sentences),
      );
      sourcesBody.append(row);

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
      choices.append(item);
    });
    if (!items.length) {
      const row = el("tr");
      const cell = el("td", "muted", "No sources are stored yet: add articles with POST /v1/sources.");
      cell.colSpan = 5;
      row.append(cell);
      sourcesBody.append(row);
      choices.append(el("li", "muted", "No sources yet."));
    }
    sourcesSummary.textContent =
      items.length < total
        ? "Showing the first " + items.length + " of " + plural(total, "source") + "."
        : plural(total, "source") + " stored.";
  }

  async function loadSources() {
    refreshButton.disabled = true;
    try {
      const items = [];
      let total = 0;
      while (items.length < MAX_SOURCES_LISTED) {
        const page = await api("GET", "/v1/sources?offset=" + items.length + "&limit=" + SOURCES_PAGE);
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

  // -- results ----------------------------------------------------------------------------------------------
  // The service counts offsets in Unicode code points (Python strings); JavaScript strings index UTF-16 code
  // units, so the sentence is split into code points before slicing.
  function highlightedSentence(evidence) {
    const quote = el("blockquote", "sentence");
    const chars = Array.from(String(evidence.sentence));
    const mark = evidence.highlight;
    if (mark && Number.isInteger(mark.start) && Number.isInteger(mark.end) && Number.isInteger(evidence.start)) {
      const from = mark.start - evidence.start;
      const to = mark.end - evidence.start;
      if (from >= 0 && from < to && to <= chars.length) {
        quote.append(
          chars.slice(0, from).join(""),
          el("mark", null, chars.slice(from, to).join("")),
          chars.slice(to).join(""),
        );
        return quote;
      }
    }
    quote.textContent = chars.join("");
    return quote;
  }

  function evidenceItem(evidence) {
    const item = el("li", "evidence");
    item.dataset.verdict = evidence.verdict;
    const head = el("div", "evidence-head");
    head.append(verdictBadge(evidence.verdict, "small"));
    item.append(head, highlightedSentence(evidence));
    const similarity = typeof evidence.similarity === "number" ? evidence.similarity.toFixed(2) : "?";
    const meta = el("p", "evidence-meta");
    meta.append(el("span", null, evidence.reason));
    meta.append(el("span", "muted", " · characters " + evidence.start + "–" + evidence.end + ", similarity " + similarity));
    item.append(meta);
    return item;
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
    if (shown.length) {
      const list = el("ul", "evidence-list");
      list.setAttribute("aria-label", "Deciding sentences");
      shown.forEach((e) => list.append(evidenceItem(e)));
      card.append(list);
    }
    if (rest.length) {
      const more = el("details", "more-evidence");
      const label = rest.length === 1 ? "1 more close sentence that does not decide" : rest.length + " more close sentences that do not decide";
      more.append(el("summary", null, label));
      const list = el("ul", "evidence-list");
      rest.forEach((e) => list.append(evidenceItem(e)));
      more.append(list);
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
      resultBody.append(el("p", "muted", "Read as free text (no figure, role, group, place or time): judged by meaning."));
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

  // -- the form ---------------------------------------------------------------------------------------------
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

  // -- reports ------------------------------------------------------------------------------------------
  const reportButton = byId("report-button");
  const reportStatus = byId("report-status");
  const reportsList = byId("reports-list");

  function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }

  function reportItem(report) {
    const item = el("li", "report");
    const summary = report.summary || {};
    item.append(
      el("strong", null, "Report " + report.id),
      ": " + plural(summary.conflict || 0, "conflict") + ", " + plural(summary.agree || 0, "agreement") + ", " +
        (summary.single_source || 0) + " single-source · "
    );
    ["html", "md", "csv", "json"].forEach((format, index) => {
      const link = el("a", null, format.toUpperCase());
      link.href = "/v1/reports/" + encodeURIComponent(report.id) + (format === "json" ? "" : "?format=" + format);
      if (format === "html") link.target = "_blank";
      if (index) item.append(" · ");
      item.append(link);
    });
    return item;
  }

  async function buildReport() {
    hideError();
    const ids = selectedSourceIds();
    reportButton.disabled = true;
    reportStatus.textContent = "Building the report…";
    try {
      let report = await api("POST", "/v1/reports", ids.length ? { source_ids: ids } : {});
      while (report.status === "running") {
        const progress = report.progress || {};
        reportStatus.textContent = "Building the report… " + (progress.stage || "") + " " +
          (progress.done || 0) + "/" + (progress.total || 0);
        await sleep(1000);
        report = await api("GET", "/v1/reports/" + encodeURIComponent(report.id));
      }
      if (report.status !== "done") throw new Error(report.error || "the report failed");
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
  loadSources();
})();
