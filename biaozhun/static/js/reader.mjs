// Full-text reader: renders the PDF page by page with the vendored pdf.js (no viewer build needed).
import * as pdfjsLib from "../vendor/pdfjs/pdf.min.mjs";

const root = document.getElementById("reader");
const vendor = root.dataset.vendor;
pdfjsLib.GlobalWorkerOptions.workerSrc = root.dataset.worker;

const pagesBox = document.getElementById("reader-pages");
const status = document.getElementById("reader-status");
const pageInput = document.getElementById("reader-page");
const total = document.getElementById("reader-total");
let scale = 1.25;
let pdf = null;

async function render() {
  pagesBox.replaceChildren();
  for (let number = 1; number <= pdf.numPages; number++) {
    const page = await pdf.getPage(number);
    const viewport = page.getViewport({ scale });
    const canvas = document.createElement("canvas");
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.floor(viewport.width * ratio);
    canvas.height = Math.floor(viewport.height * ratio);
    canvas.style.width = "100%";
    canvas.style.maxWidth = `${Math.floor(viewport.width)}px`;
    canvas.id = `page-${number}`;
    canvas.className = "d-block mx-auto mb-3 shadow-sm border";
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", `${root.dataset.pageLabel} ${number}`);
    pagesBox.append(canvas);
    await page.render({ canvasContext: canvas.getContext("2d"), viewport,
                        transform: ratio !== 1 ? [ratio, 0, 0, ratio, 0, 0] : null }).promise;
  }
  status.textContent = "";
  root.dataset.rendered = "true";
}

async function open() {
  try {
    pdf = await pdfjsLib.getDocument({
      url: root.dataset.url,
      cMapUrl: `${vendor}cmaps/`,
      cMapPacked: true,
      standardFontDataUrl: `${vendor}standard_fonts/`,
    }).promise;
    total.textContent = pdf.numPages;
    pageInput.max = pdf.numPages;
    await render();
  } catch (error) {
    status.textContent = `${root.dataset.errorLabel} ${error.message}`;
    root.dataset.rendered = "error";
  }
}

document.getElementById("reader-zoom-in").addEventListener("click", () => { scale = Math.min(scale + 0.25, 4); render(); });
document.getElementById("reader-zoom-out").addEventListener("click", () => { scale = Math.max(scale - 0.25, 0.5); render(); });
pageInput.addEventListener("change", () => {
  document.getElementById(`page-${pageInput.value}`)?.scrollIntoView({ behavior: "smooth" });
});
open();
