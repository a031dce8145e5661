-- Open and click rates of each newsletter sent, from Mailchimp's campaign reports.
SELECT
    CAST(send_time AS DATE) AS day,
    subject_line AS newsletter,
    emails_sent,
    ROUND(100 * CAST(opens ->> 'open_rate' AS DOUBLE), 1) AS open_rate_pct,
    ROUND(100 * CAST(clicks ->> 'click_rate' AS DOUBLE), 1) AS click_rate_pct
FROM mailchimp.campaign_reports
WHERE emails_sent > 0
