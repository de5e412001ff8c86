package dev.autonoc.evals.report;

/**
 * The report page's style, legend and script, inlined so that the page needs nothing else. The
 * script only opens, closes and filters the scenario sections; the charts are drawn without it.
 */
final class HtmlStyle {

    private HtmlStyle() {}

    static final String CSS =
            """
            :root { color-scheme: light; --ok: #2e7d32; --bad: #c62828; --warn: #ef8f00;
              --blue: #1565c0; --grey: #6b7280; --ink: #1f2937; --line: #e5e7eb; }
            body { font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
              color: var(--ink); margin: 0 auto; padding: 0 20px 40px; max-width: 1440px; }
            header { border-bottom: 1px solid var(--line); margin-bottom: 12px; }
            h1 { font-size: 22px; margin: 18px 0 4px; } h2 { font-size: 18px; margin: 24px 0 8px; }
            h3 { font-size: 14px; margin: 10px 0 4px; }
            nav a, a { color: var(--blue); }
            table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
            th, td { border: 1px solid var(--line); padding: 3px 8px; text-align: right; }
            th:first-child, td:first-child { text-align: left; } thead th { background: #f3f4f6; }
            .matrix td { text-align: center; min-width: 56px; }
            .pass-all { background: #e8f5e9; color: var(--ok); }
            .pass-some { background: #fff4e0; color: #9a5b00; }
            .pass-none { background: #fdecea; color: var(--bad); }
            .badge { font-size: 12px; padding: 1px 6px; border-radius: 8px; margin-left: 4px; }
            details.scenario { border: 1px solid var(--line); border-radius: 6px; margin: 8px 0;
              padding: 4px 10px; }
            details.scenario > summary { cursor: pointer; font-weight: 600; }
            details.scenario.hidden { display: none; }
            article.run { border-top: 1px dashed var(--line); padding: 4px 0 8px; }
            .passed { color: var(--ok); } .failed { color: var(--bad); font-weight: 600; }
            .violations { color: var(--bad); margin: 2px 0; }
            .chips span { display: inline-block; font-size: 12px; background: #f3f4f6;
              border-radius: 4px; padding: 0 6px; margin: 0 4px 3px 0; }
            .charts { display: flex; flex-wrap: wrap; gap: 12px; align-items: flex-start; }
            .note { color: var(--grey); font-size: 12px; }
            svg text { font: 11px system-ui, sans-serif; fill: var(--ink); }
            svg text.end { text-anchor: end; } svg text.middle { text-anchor: middle; }
            svg text.element { font-weight: 600; } svg text.lane-range, svg text.axis,
            svg text.note { fill: var(--grey); }
            .lane { fill: #fafafa; stroke: var(--line); }
            .series { fill: none; stroke: #374151; stroke-width: 1.2; }
            .series.probability { stroke: var(--warn); stroke-width: 1.6; }
            line.day { stroke: #eef0f3; }
            .moment { stroke-width: 1.5; } .moment.onset { stroke: var(--grey); stroke-dasharray: 4 3; }
            .moment.due { stroke: var(--bad); stroke-dasharray: 2 3; }
            .moment.failed { stroke: var(--bad); stroke-width: 3; }
            .moment.repaired { stroke: var(--ok); stroke-width: 3; }
            .moment.detected { stroke: var(--warn); stroke-dasharray: 1 2; stroke-width: 2; }
            .moment.mitigated { stroke: var(--blue); stroke-dasharray: 6 2; }
            .mark text { font-size: 10px; }
            .alarm path { fill: var(--warn); }
            .call-succeeded rect { fill: var(--ok); } .call-retry rect { fill: var(--warn); }
            .call-refused rect { fill: var(--bad); } .call-invalid rect { fill: #7b1fa2; }
            .approval-requested circle { fill: #fff; stroke: var(--blue); stroke-width: 1.5; }
            .approved circle { fill: var(--blue); } .rejected circle { fill: var(--bad); }
            .denied rect { fill: #111827; } .handed-over rect { fill: var(--grey); }
            .bar.passed { fill: #a5d6a7; } .bar.failed { fill: #ef9a9a; }
            .bar.self { stroke: var(--ink); stroke-width: 1.5; }
            svg text.bar-label { text-anchor: end; } svg text.bar-label.self { font-weight: 700; }
            svg text.chart-title { fill: var(--grey); }
            footer { margin-top: 24px; border-top: 1px solid var(--line); }
            .legend span { display: inline-block; margin-right: 14px; }
            .legend i { display: inline-block; width: 12px; height: 12px; margin-right: 4px;
              vertical-align: -2px; border-radius: 2px; }
            """;

    static final String LEGEND =
            """
            <p class="legend"><b>Timeline:</b>
            <span><i style="background:#6b7280"></i>onset</span>
            <span><i style="background:#c62828;opacity:.5"></i>due to fail</span>
            <span><i style="background:#ef8f00"></i>first alarm / P(failure)</span>
            <span><i style="background:#1565c0"></i>customers safe</span>
            <span><i style="background:#c62828"></i>failed</span>
            <span><i style="background:#2e7d32"></i>mended</span></p>
            <p class="legend"><b>Events:</b>
            <span><i style="background:#2e7d32"></i>call succeeded</span>
            <span><i style="background:#ef8f00"></i>call to retry (transient, uncertain)</span>
            <span><i style="background:#c62828"></i>call refused</span>
            <span><i style="background:#7b1fa2"></i>call invalid</span>
            <span><i style="background:#fff;border:1.5px solid #1565c0"></i>approval asked</span>
            <span><i style="background:#1565c0"></i>approved</span>
            <span><i style="background:#c62828;border-radius:6px"></i>rejected</span>
            <span><i style="background:#111827"></i>denied by policy</span>
            <span><i style="background:#6b7280"></i>handed to a person</span></p>
            <p class="note">Hover a mark or a line for its detail. Telemetry lanes are hourly means
            scaled to their own range (shown at the left); P(failure) is the predictor's hourly
            maximum on 0–1. Written by autonoc eval; self-contained, readable offline.</p>
            """;

    static final String SCRIPT =
            """
            (function () {
              var scenarios = document.querySelectorAll('details.scenario');
              document.querySelectorAll('button[data-action]').forEach(function (b) {
                b.addEventListener('click', function () {
                  var open = b.getAttribute('data-action') === 'open';
                  scenarios.forEach(function (d) { d.open = open; });
                });
              });
              var failedOnly = document.querySelector('input[data-action="failed"]');
              if (failedOnly) {
                failedOnly.addEventListener('change', function () {
                  scenarios.forEach(function (d) {
                    d.classList.toggle('hidden',
                        failedOnly.checked && !d.classList.contains('has-failed'));
                  });
                });
              }
            })();
            """;
}
