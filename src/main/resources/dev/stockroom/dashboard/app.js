/* Stockroom dashboard: draws the charts, sorts tables, drives the date-range control. No network. */
(function () {
  'use strict';
  var PALETTE = ['#2f6fed', '#12a37f', '#e07a1f', '#8e44ad', '#d63a5a', '#5b6b7f'];
  var INCOMPLETE = '#9aa4b2';

  /** Thousands separators; percentages (columns ending _pct or "%") with one decimal. */
  function fmt(v, percent) {
    if (v === null || v === undefined) { return '–'; }
    if (typeof v !== 'number') { return String(v); }
    if (percent) { return v.toLocaleString('en', {minimumFractionDigits: 1, maximumFractionDigits: 1}) + '%'; }
    return Math.abs(v) < 10 && v % 1 !== 0 ? v.toLocaleString('en', {maximumFractionDigits: 2})
      : v.toLocaleString('en', {maximumFractionDigits: 1});
  }

  function isInc(d, j) { return !!(d.incomplete && d.incomplete[j]); }

  /** The runs of incomplete points as [first, last] index pairs. */
  function incompleteRuns(d) {
    var runs = [], from = -1;
    d.x.forEach(function (x, j) {
      if (isInc(d, j) && from < 0) { from = j; }
      if (from >= 0 && (!isInc(d, j + 1) || j === d.x.length - 1)) { runs.push([from, j]); from = -1; }
    });
    return runs;
  }

  function shade(d) {
    var runs = incompleteRuns(d);
    if (!runs.length) { return undefined; }
    return {silent: true, itemStyle: {color: 'rgba(154,164,178,0.16)'},
      label: {show: d.type !== 'spark', position: 'insideTop', color: '#6b7585', fontSize: 11},
      data: runs.map(function (r) { return [{name: 'incomplete', xAxis: d.x[r[0]]}, {xAxis: d.x[r[1]]}]; })};
  }

  /** A line: solid where complete, dashed grey through incomplete periods, so a partial one never reads as a drop. */
  function lineSeries(s, color, d, area, first) {
    var out = [];
    var main = s.data.map(function (v, j) { return isInc(d, j) ? null : v; });
    out.push({name: s.name, type: 'line', data: main, showSymbol: s.data.length < 40, symbolSize: 5,
      smooth: false, lineStyle: {width: 2, color: color}, itemStyle: {color: color},
      areaStyle: area ? {opacity: 0.12, color: color} : undefined, markArea: first ? shade(d) : undefined});
    if (incompleteRuns(d).length) {
      var rest = s.data.map(function (v, j) { return isInc(d, j) || isInc(d, j - 1) || isInc(d, j + 1) ? v : null; });
      out.push({name: s.name + ' (incomplete)', type: 'line', data: rest, showSymbol: false,
        lineStyle: {width: 2, type: 'dashed', color: INCOMPLETE}, itemStyle: {color: INCOMPLETE}});
    }
    return out;
  }

  /**
   * Stacked areas: complete periods in one stack, incomplete ones (with their neighbours, to join
   * up) in a second stack drawn faint and dashed, so neither counts a value twice.
   */
  function areaSeries(s, color, d, first) {
    var out = [{name: s.name, type: 'line', stack: 'total', showSymbol: false, smooth: false,
      data: s.data.map(function (v, j) { return isInc(d, j) ? null : v; }),
      lineStyle: {width: 1.5, color: color}, itemStyle: {color: color}, areaStyle: {opacity: 0.5, color: color},
      markArea: first ? shade(d) : undefined}];
    if (incompleteRuns(d).length) {
      out.push({name: s.name + ' (incomplete)', type: 'line', stack: 'incomplete', showSymbol: false, smooth: false,
        data: s.data.map(function (v, j) { return isInc(d, j) || isInc(d, j - 1) || isInc(d, j + 1) ? v : null; }),
        lineStyle: {width: 1, type: 'dashed', color: color, opacity: 0.6}, itemStyle: {color: color},
        areaStyle: {opacity: 0.15, color: color}});
    }
    return out;
  }

  function barSeries(s, color, d) {
    return [{name: s.name, type: 'bar', barMaxWidth: 28, itemStyle: {color: color, borderRadius: [3, 3, 0, 0]},
      data: s.data.map(function (v, j) {
        return isInc(d, j) ? {value: v, itemStyle: {color: INCOMPLETE, opacity: 0.6}} : v;
      })}];
  }

  /** Tooltip text for an axis: drawn by ECharts on the canvas (richText), so no inline styles meet the CSP. */
  function tooltip(d) {
    return {trigger: 'axis', renderMode: 'richText', confine: true, backgroundColor: '#ffffff',
      borderColor: '#c9d0da', textStyle: {color: '#1d2633', fontSize: 12},
      formatter: function (params) {
        if (!params.length) { return ''; }
        var j = params[0].dataIndex;
        var lines = [params[0].axisValueLabel + (isInc(d, j) ? ' (incomplete)' : '')];
        // An incomplete point's value sits on its dashed twin ("<name> (incomplete)"): one line per name.
        var values = {}, order = [];
        params.forEach(function (p) {
          var v = p.value && typeof p.value === 'object' ? p.value.value : p.value;
          var name = p.seriesName.replace(/ \(incomplete\)$/, '');
          if (order.indexOf(name) < 0) { order.push(name); }
          if (v !== null && v !== undefined && values[name] === undefined) { values[name] = v; }
        });
        order.forEach(function (name) {
          if (values[name] !== undefined) { lines.push(name + ': ' + fmt(values[name], d.percent && d.percent[name])); }
        });
        return lines.join('\n');
      }};
  }

  function option(d) {
    var spark = d.type === 'spark';
    var series = [];
    d.series.forEach(function (s, i) {
      var color = PALETTE[i % PALETTE.length];
      series = series.concat(d.type === 'bar' ? barSeries(s, color, d)
        : d.type === 'area' ? areaSeries(s, color, d, i === 0)
        : lineSeries(s, color, d, spark, i === 0));
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
        tooltip: tooltip(d), series: series};
    }
    var named = series.map(function (s) { return s.name; })
      .filter(function (n) { return n.indexOf(' (incomplete)') < 0; });
    var legend = named.length > 1;
    var percentAxis = d.percent && d.series.every(function (s) { return d.percent[s.name]; });
    return {animation: false, color: PALETTE,
      // The right margin leaves room for half of the last x label, which sits on the edge.
      grid: {left: 8, right: 44, top: legend ? 36 : 16, bottom: 8, containLabel: true},
      legend: legend ? {top: 0, type: 'scroll', data: named, textStyle: {color: '#4a5565'}} : undefined,
      tooltip: tooltip(d),
      xAxis: {type: 'category', data: d.x, boundaryGap: d.type === 'bar',
        axisLine: {lineStyle: {color: '#c9d0da'}}, axisLabel: {color: '#6b7585', hideOverlap: true}},
      yAxis: {type: 'value', splitLine: {lineStyle: {color: '#eef1f5'}}, axisLabel: {color: '#6b7585',
        formatter: function (v) { return fmt(v, percentAxis); }}},
      series: series};
  }

  function drawCharts() {
    if (typeof echarts === 'undefined') { return; }
    var charts = [];
    document.querySelectorAll('.chart[data-chart]').forEach(function (el) {
      var chart = echarts.init(el, null, {renderer: 'canvas'});
      var d = JSON.parse(el.getAttribute('data-chart'));
      chart.setOption(option(d));
      if (d.links) {
        // Drill-down: a click on a point or bar opens the linked dashboard for that row.
        chart.on('click', function (p) { if (d.links[p.dataIndex]) { window.location.href = d.links[p.dataIndex]; } });
        el.classList.add('linked');
      }
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
            var x = a.cells[col].getAttribute('data-value') || a.cells[col].textContent;
            var y = b.cells[col].getAttribute('data-value') || b.cells[col].textContent;
            var c = numeric ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : x.localeCompare(y);
            return asc ? c : -c;
          });
          rows.forEach(function (r) { body.appendChild(r); });
        });
      });
    });
  }

  /** An unset filter ("All") stays out of the URL, so {{name}} reads NULL. */
  function leaveOutUnsetFilters() {
    document.querySelectorAll('#range-form select[data-filter]').forEach(function (s) { s.disabled = s.value === ''; });
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
      if (!custom) { leaveOutUnsetFilters(); form.submit(); }
    });
    form.addEventListener('submit', leaveOutUnsetFilters);
    form.querySelectorAll('select[name=grain], input[name=compare], select[data-filter]').forEach(function (el) {
      el.addEventListener('change', function () { leaveOutUnsetFilters(); form.submit(); });
    });
  }

  function explorer() {
    var box = document.getElementById('sql-query');
    if (!box) { return; }
    box.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); box.form.requestSubmit(); }
    });
    // A table's link only fills the box (a GET never runs SQL); clicking it here also runs it, by the form's POST.
    document.querySelectorAll('a.table-query').forEach(function (a) {
      a.addEventListener('click', function (e) {
        e.preventDefault();
        box.value = a.getAttribute('data-query');
        box.form.requestSubmit(document.getElementById('run'));
      });
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    drawCharts();
    sortTables();
    rangeControl();
    explorer();
  });
})();
