-- Where visits come from, per day: GA4 sessions by source. `estimated` is true for days GA4 said
-- it thresholded, sampled or folded rows into "(other)": dashboards mark those days like
-- incomplete ones (a tile's boolean `incomplete` column).
SELECT date AS day, session_source AS source, session_medium AS medium, SUM(sessions) AS sessions,
       bool_or(COALESCE(subject_to_thresholding, false) OR COALESCE(sampled, false)
               OR COALESCE(data_loss_from_other_row, false)) AS estimated
FROM ga.traffic_sources
GROUP BY 1, 2, 3
