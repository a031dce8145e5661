-- The site's member table, as the website's own database would hold it.
CREATE TABLE members (
    id INTEGER PRIMARY KEY,
    email VARCHAR NOT NULL,
    plan VARCHAR NOT NULL,          -- free, paid or comped
    created_at TIMESTAMP NOT NULL,
    last_login_at TIMESTAMP,
    updated_at TIMESTAMP NOT NULL
);
INSERT INTO members VALUES
    (1, 'ann@example.com',  'paid',   '2024-05-02 09:20:00', '2024-06-10 07:45:00', '2024-06-10 07:45:00'),
    (2, 'ben@example.com',  'free',   '2024-05-03 18:45:00', '2024-05-20 21:10:00', '2024-05-20 21:10:00'),
    (3, 'dev@example.com',  'paid',   '2024-05-21 12:05:00', '2024-06-12 06:30:00', '2024-06-12 06:30:00'),
    (4, 'eli@example.com',  'free',   '2024-06-01 10:35:00', NULL,                  '2024-06-01 10:35:00'),
    (5, 'fay@example.com',  'comped', '2024-06-04 16:25:00', '2024-06-11 19:00:00', '2024-06-11 19:00:00');
