// Draws the main growth indicators from the JSON block beside the chart; the table below holds the same data.
(function () {
  "use strict";
  var holder = document.getElementById("indicator-chart");
  var source = document.getElementById("indicator-data");
  if (!holder || !source || typeof window.echarts === "undefined") { return; }
  var rows = JSON.parse(source.textContent || "[]");
  var chart = window.echarts.init(holder, null, { renderer: "svg" });
  chart.setOption({
    grid: { left: 8, right: 48, top: 16, bottom: 8, containLabel: true },
    tooltip: { trigger: "axis", valueFormatter: function (v) { return v + "%"; } },
    xAxis: { type: "value", axisLabel: { formatter: "{value}%" } },
    yAxis: { type: "category", inverse: true, data: rows.map(function (r) { return r.metric; }),
             axisLabel: { width: 110, overflow: "truncate" } },
    series: [{ type: "bar", data: rows.map(function (r) { return r.value; }), itemStyle: { color: "#a4161a" },
               label: { show: true, position: "right", formatter: "{c}%" } }]
  });
  window.addEventListener("resize", function () { chart.resize(); });
})();
