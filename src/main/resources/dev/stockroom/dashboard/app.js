/* Stockroom dashboard: draws the charts, sorts tables, drives the date-range control. No network. */
(function () {
  'use strict';
  var PALETTE = ['#2f6fed', '#12a37f', '#e07a1f', '#8e44ad', '#d63a5a', '#5b6b7f'];
  var INCOMPLETE = '#9aa4b2';

  function fmt(v) {
    if (v === null || v === undefined) { return '–'; }
    if (typeof v !== 'number') { return String(v); }
    return Math.abs(v) < 10 && v % 1 !== 0 ? v.toLocaleString('en', {maximumFractionDigits: 3})
      : v.toLocaleString('en', {maximumFractionDigits: 1});
  }

  function lineSeries(s, color, d, area) {
    var inc = d.incompleteFrom;
    var out = [];
    var main = s.data.map(function (v, j) { return inc >= 0 && j >= inc ? null : v; });
    out.push({name: s.name, type: 'line', data: main, showSymbol: s.data.length < 40, symbolSize: 5,
      smooth: false, lineStyle: {width: 2, color: color}, itemStyle: {color: color},
      areaStyle: area ? {opacity: 0.12, color: color} : undefined});
    if (inc >= 0) {
      var rest = s.data.map(function (v, j) { return j >= inc - 1 ? v : null; });
      out.push({name: s.name + ' (incomplete days)', type: 'line', data: rest, showSymbol: false,
        lineStyle: {width: 2, type: 'dashed', color: INCOMPLETE}, itemStyle: {color: INCOMPLETE},
        areaStyle: area ? {opacity: 0.06, color: INCOMPLETE} : undefined,
        markArea: {silent: true, itemStyle: {color: 'rgba(154,164,178,0.12)'},
          label: {show: d.type !== 'spark', position: 'insideTopRight', color: '#6b7585', fontSize: 11},
          data: [[{name: 'incomplete', xAxis: d.x[inc]}, {xAxis: d.x[d.x.length - 1]}]]}});
    }
    return out;
  }

  function barSeries(s, color, d) {
    var inc = d.incompleteFrom;
    return [{name: s.name, type: 'bar', barMaxWidth: 28, itemStyle: {color: color, borderRadius: [3, 3, 0, 0]},
      data: s.data.map(function (v, j) {
        return inc >= 0 && j >= inc ? {value: v, itemStyle: {color: INCOMPLETE, opacity: 0.6}} : v;
      })}];
  }

  function option(d) {
    var spark = d.type === 'spark';
    var series = [];
    d.series.forEach(function (s, i) {
      var color = PALETTE[i % PALETTE.length];
      series = series.concat(d.type === 'bar' ? barSeries(s, color, d)
        : lineSeries(s, color, d, d.type === 'area' || spark));
    });
    (d.previous || []).forEach(function (s, i) {
      series.push({name: s.name, type: 'line', data: s.data, showSymbol: false,
        lineStyle: {width: 1.5, type: 'dotted', color: PALETTE[i % PALETTE.length], opacity: 0.7},
        itemStyle: {color: PALETTE[i % PALETTE.length], opacity: 0.7}});
    });
    if (spark) {
      return {animation: false, grid: {left: 2, right: 2, top: 4, bottom: 2},
        xAxis: {type: 'category', data: d.x, show: false, boundaryGap: false},
        yAxis: {type: 'value', show: false, scale: true},
        tooltip: {trigger: 'axis', valueFormatter: fmt}, series: series};
    }
    var named = series.map(function (s) { return s.name; })
      .filter(function (n) { return n.indexOf('(incomplete days)') < 0; });
    var legend = named.length > 1;
    return {animation: false, color: PALETTE,
      grid: {left: 8, right: 28, top: legend ? 36 : 16, bottom: 8, containLabel: true},
      legend: legend ? {top: 0, type: 'scroll', data: named, textStyle: {color: '#4a5565'}} : undefined,
      tooltip: {trigger: 'axis', valueFormatter: fmt},
      xAxis: {type: 'category', data: d.x, boundaryGap: d.type === 'bar',
        axisLine: {lineStyle: {color: '#c9d0da'}}, axisLabel: {color: '#6b7585'}},
      yAxis: {type: 'value', splitLine: {lineStyle: {color: '#eef1f5'}}, axisLabel: {color: '#6b7585',
        formatter: function (v) { return fmt(v); }}},
      series: series};
  }

  function drawCharts() {
    if (typeof echarts === 'undefined') { return; }
    var charts = [];
    document.querySelectorAll('.chart[data-chart]').forEach(function (el) {
      var chart = echarts.init(el, null, {renderer: 'canvas'});
      chart.setOption(option(JSON.parse(el.getAttribute('data-chart'))));
      charts.push(chart);
    });
    window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
  }

  function sortTables() {
    document.querySelectorAll('table.sortable').forEach(function (table) {
      table.querySelectorAll('th').forEach(function (th, col) {
        th.addEventListener('click', function () {
          var numeric = th.getAttribute('data-numeric') === 'true';
          var asc = th.getAttribute('data-sort') !== 'asc';
          table.querySelectorAll('th').forEach(function (o) { o.removeAttribute('data-sort'); });
          th.setAttribute('data-sort', asc ? 'asc' : 'desc');
          var body = table.tBodies[0];
          var rows = Array.prototype.slice.call(body.rows);
          rows.sort(function (a, b) {
            var x = a.cells[col].textContent, y = b.cells[col].textContent;
            var c = numeric ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : x.localeCompare(y);
            return asc ? c : -c;
          });
          rows.forEach(function (r) { body.appendChild(r); });
        });
      });
    });
  }

  function rangeControl() {
    var form = document.getElementById('range-form');
    if (!form) { return; }
    var select = document.getElementById('range-select');
    var dates = form.querySelector('.custom-dates');
    select.addEventListener('change', function () {
      var custom = select.value === 'custom';
      dates.classList.toggle('hidden', !custom);
      dates.querySelectorAll('input').forEach(function (i) { i.disabled = !custom; });
      if (!custom) { form.submit(); }
    });
    form.querySelectorAll('select[name=grain], input[name=compare]').forEach(function (el) {
      el.addEventListener('change', function () { form.submit(); });
    });
  }

  function explorer() {
    var box = document.getElementById('sql-query');
    if (!box) { return; }
    box.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); box.form.submit(); }
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    drawCharts();
    sortTables();
    rangeControl();
    explorer();
  });
})();
