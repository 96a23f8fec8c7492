"""Lay out the events-over-time chart for its SVG template (pure)."""

CHART_WIDTH, CHART_HEIGHT = 720, 120


def chart_layout(bars) -> dict:
    """Lay out monthly bars (events) and a line (killed) as SVG coordinates."""
    if not bars:
        return {"bars": []}
    step = CHART_WIDTH / max(len(bars), 24)  # a few months stay narrow bars
    most_events = max(bar.events for bar in bars) or 1
    most_killed = max(bar.killed for bar in bars) or 1
    laid_out = []
    for index, bar in enumerate(bars):
        height = round(bar.events / most_events * (CHART_HEIGHT - 10), 1)
        laid_out.append(
            {
                "x": round(index * step, 1),
                "width": max(round(step - 1, 1), 1),
                "y": round(CHART_HEIGHT - height, 1),
                "height": height,
                "killed_y": round(
                    CHART_HEIGHT - bar.killed / most_killed * (CHART_HEIGHT - 10), 1
                ),
                "mid": round(index * step + step / 2, 1),
                "bar": bar,
            }
        )
    return {
        "bars": laid_out,
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "line": " ".join(f"{b['mid']},{b['killed_y']}" for b in laid_out),
        "first": bars[0].month,
        "last": bars[-1].month,
        "most_events": most_events,
        "most_killed": most_killed,
    }
