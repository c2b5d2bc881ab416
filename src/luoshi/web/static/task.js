// Draws a task's progress against its pace from the JSON block beside the chart; the table holds the same data.
(function () {
  "use strict";
  var holder = document.getElementById("history-chart");
  var source = document.getElementById("history-data");
  if (!holder || !source || typeof window.echarts === "undefined") { return; }
  var rows = JSON.parse(source.textContent || "[]");
  var chart = window.echarts.init(holder, null, { renderer: "svg" });
  chart.setOption({
    grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
    legend: { top: 0, data: ["完成进度", "序时进度"] },
    tooltip: { trigger: "axis", valueFormatter: function (v) { return v === null ? "未报送" : v + "%"; } },
    xAxis: { type: "category", data: rows.map(function (r) { return r.period; }) },
    yAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } },
    series: [
      { name: "完成进度", type: "line", connectNulls: true, data: rows.map(function (r) { return r.done; }),
        itemStyle: { color: "#a4161a" }, symbolSize: 8 },
      { name: "序时进度", type: "line", data: rows.map(function (r) { return r.expected; }),
        lineStyle: { type: "dashed", color: "#5b5b5b" }, itemStyle: { color: "#5b5b5b" }, symbol: "none" }
    ]
  });
  window.addEventListener("resize", function () { chart.resize(); });
})();
