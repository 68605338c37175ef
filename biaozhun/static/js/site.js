// Behaviour every page shares, kept out of the HTML so the Content Security Policy can refuse inline script and
// style attributes (style-src 'self'; script-src 'self'). Parameters come from data- attributes.

// Bars whose width is data (a ballot's tally): data-bar-width="37.50" is a percentage. Setting the style property
// from script is allowed; a style="" attribute in the page would not be.
function sizeBars(root) {
  for (const bar of root.querySelectorAll("[data-bar-width]")) {
    bar.style.width = `${Number.parseFloat(bar.dataset.barWidth) || 0}%`;
  }
}

sizeBars(document);
document.addEventListener("htmx:afterSwap", (event) => sizeBars(event.target));

// Search facets: counted by a second request (data-facets-src, same origin, HTML the server escaped), so the results
// show first. Without script, the link in the box shows the page with the counts instead.
for (const box of document.querySelectorAll("[data-facets-src]")) {
  fetch(box.dataset.facetsSrc, { headers: { Accept: "text/html" }, credentials: "same-origin" })
    .then((response) => (response.ok ? response.text() : Promise.reject(response.status)))
    .then((html) => {
      box.innerHTML = html;
    })
    .catch(() => {}) // the link stays: the counts are one click away
    .finally(() => box.removeAttribute("aria-busy"));
}
