// Draws the board's two charts from the JSON block beside them; the tables below hold the same data.
(function () {
  "use strict";
  var source = document.getElementById("chart-data");
  if (!source || typeof window.echarts === "undefined") { return; }
  var data = JSON.parse(source.textContent || "{}");
  var dark = document.documentElement.classList.contains("contrast-high");
  var ink = dark ? "#ffffff" : "#1a1a1a";
  // Bars in a neutral blue: red would read as a red lamp, which these numbers are not.
  var bar = dark ? "#ffeb3b" : "#0a4a93";

  function draw(id, names, values, extra) {
    var holder = document.getElementById(id);
    if (!holder || !names || !names.length) { if (holder) { holder.parentNode.hidden = true; } return; }
    var chart = window.echarts.init(holder, null, { renderer: "svg" });
    var series = [{ type: "bar", data: values, itemStyle: { color: bar },
      label: { show: true, position: "right", color: ink, formatter: "{c}%" } }];
    if (extra) { series[0].markLine = extra; }
    chart.setOption({
      animation: false,
      textStyle: { color: ink, fontSize: 14 },
      grid: { left: 8, right: 56, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: "value", axisLabel: { color: ink, formatter: "{value}%" } },
      yAxis: { type: "category", inverse: true, data: names, axisLabel: { color: ink, width: 150, overflow: "truncate" } },
      series: series
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }

  draw("main-chart", data.main, data.main_values);
  draw("task-chart", data.tasks, data.task_values,
       { symbol: "none", silent: true, label: { show: false },
         lineStyle: { color: ink, type: "dashed" }, data: [{ xAxis: 100 }] });
})();
