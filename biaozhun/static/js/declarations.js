// The declaration form: add and remove rows of the indicator table (a <template> row is cloned), and show the
// title, text and indicator table only for an enterprise standard. Without script every part shows and one row
// is there to fill.
for (const form of document.querySelectorAll("[data-declaration-form]")) {
  const body = form.querySelector("[data-indicator-table] tbody");
  const template = form.querySelector("template[data-indicator-template]");
  form.querySelector("[data-add-row]")?.addEventListener("click", () => {
    const row = template.content.firstElementChild.cloneNode(true);
    body.append(row);
    row.querySelector("input")?.focus();
  });
  body?.addEventListener("click", (event) => {
    const button = event.target.closest("[data-remove-row]");
    if (!button) return;
    const row = button.closest("tr");
    if (body.querySelectorAll("tr").length > 1) {
      row.remove();
    } else {
      for (const input of row.querySelectorAll("input")) input.value = "";
    }
  });
  const sources = form.querySelectorAll("input[name='source']");
  const show = () => {
    const checked = form.querySelector("input[name='source']:checked");
    const enterprise = !checked || checked.value === "enterprise";
    for (const part of form.querySelectorAll("[data-enterprise-only]")) part.hidden = !enterprise;
  };
  for (const radio of sources) radio.addEventListener("change", show);
  if (sources.length) show();
}
