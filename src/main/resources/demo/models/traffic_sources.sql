-- Where visits come from, per day: GA4 sessions by source.
SELECT date AS day, session_source AS source, session_medium AS medium, SUM(sessions) AS sessions
FROM ga.traffic_sources
GROUP BY 1, 2, 3
