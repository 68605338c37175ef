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
