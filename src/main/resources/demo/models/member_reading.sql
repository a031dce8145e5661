-- Which articles members read, by day: GA4 page views split by the site's member_status
-- dimension, joined to Ghost's posts through the page path /<slug>/ (Ghost's default permalink).
SELECT
    m.date AS day,
    p.title,
    p.slug,
    SUM(CASE WHEN m.custom_user_member_status = 'paid' THEN m.screen_page_views ELSE 0 END) AS paid_member_views,
    SUM(CASE WHEN m.custom_user_member_status = 'free' THEN m.screen_page_views ELSE 0 END) AS free_member_views,
    SUM(m.screen_page_views) AS all_views
FROM ga.member_pages m
JOIN ghost.posts p ON m.page_path = '/' || p.slug || '/'
GROUP BY 1, 2, 3
