-- Each newsletter sent, from Mailchimp's campaign reports, with what the rates are made of so
-- dashboards can weight them by recipients: delivered = sent less bounces; opens and clicks are
-- unique people. Opens and clicks keep arriving for days after a send: until settles_at (7 days
-- after the send) a campaign's rates are still rising; dashboards compare it with now().
SELECT
    id AS campaign_id,
    send_time,
    subject_line AS newsletter,
    emails_sent,
    emails_sent - COALESCE(CAST(bounces ->> 'hard_bounces' AS BIGINT), 0)
        - COALESCE(CAST(bounces ->> 'soft_bounces' AS BIGINT), 0) AS delivered,
    CAST(opens ->> 'unique_opens' AS BIGINT) AS unique_opens,
    CAST(clicks ->> 'unique_subscriber_clicks' AS BIGINT) AS unique_clicks,
    send_time + INTERVAL 7 DAY AS settles_at
FROM mailchimp.campaign_reports
WHERE emails_sent > 0 AND _deleted_at IS NULL
