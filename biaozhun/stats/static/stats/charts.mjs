// Draws the statistics charts from the data a page passes with json_script (CSP: no inline script).
// A chart element names its data: <div class="stats-chart" data-chart-source="stats-chart-data">. A bar or a pie
// slice with a link opens it (the drill-down); the table beside the chart holds the same figures.

function draw(element) {
  const source = document.getElementById(element.dataset.chartSource);
  if (!source || !window.echarts) return;
  const data = JSON.parse(source.textContent);
  const chart = window.echarts.init(element, null, { renderer: "canvas" });
  const tooltip = { trigger: data.kind === "pie" ? "item" : "axis", renderMode: "richText" };
  let option;
  if (data.kind === "pie") {
    option = {
      tooltip,
      series: [{ type: "pie", radius: "65%", data: data.labels.map((name, i) => ({ name, value: data.values[i] })) }],
    };
  } else {
    option = {
      tooltip,
      grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: data.labels, axisLabel: { interval: 0, rotate: data.labels.length > 8 ? 40 : 0 } },
      yAxis: { type: "value", name: data.unit },
      series: [{ type: data.kind === "line" ? "line" : "bar", data: data.values }],
    };
  }
  chart.setOption(option);
  element.dataset.drawn = "true";
  chart.on("click", (params) => {
    const link = (data.links || [])[params.dataIndex];
    if (link) window.location.assign(link);
  });
  window.addEventListener("resize", () => chart.resize());
}

function start() {
  document.querySelectorAll(".stats-chart").forEach(draw);
}

if (window.echarts) start();
else window.addEventListener("load", start);
