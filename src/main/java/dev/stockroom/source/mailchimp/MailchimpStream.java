package dev.stockroom.source.mailchimp;

import dev.stockroom.source.FieldType;
import dev.stockroom.source.StreamSpec;
import java.util.List;

/** The Mailchimp resources Stockroom loads, each read after a cursor of its own. */
enum MailchimpStream {
    /** Cursor: {@code last_changed}, sent as {@code since_last_changed}. */
    MEMBERS("members", "members", "since_last_changed", "last_changed"),
    /** Cursor: {@code send_time}; campaigns sent within {@code report_days} are read again. */
    CAMPAIGNS("campaigns", "campaigns", "since_send_time", "send_time"),
    /**
     * Opens and clicks per campaign, re-read for campaigns sent within {@code report_days}.
     * [U] that {@code GET /reports} takes {@code since_send_time} (the SDKs list it), and whether
     * Mailchimp's {@code since_*} filters include the bound itself.
     */
    CAMPAIGN_REPORTS("campaign_reports", "reports", "since_send_time", "send_time");

    final String streamName;
    final String records;
    final String sinceParam;
    final String cursorField;

    MailchimpStream(String streamName, String records, String sinceParam, String cursorField) {
        this.streamName = streamName;
        this.records = records;
        this.sinceParam = sinceParam;
        this.cursorField = cursorField;
    }

    StreamSpec spec() {
        // Declared, so that a first page where they are all empty cannot make them text.
        return StreamSpec.cursor(streamName, List.of("id")).withCredentialFields().withFieldTypes(java.util.Map.of(
                "timestamp_signup", FieldType.TIMESTAMP, "timestamp_opt", FieldType.TIMESTAMP,
                "last_changed", FieldType.TIMESTAMP, "send_time", FieldType.TIMESTAMP,
                "create_time", FieldType.TIMESTAMP, "member_rating", FieldType.INTEGER,
                "emails_sent", FieldType.INTEGER));
    }

    static MailchimpStream of(StreamSpec spec) {
        for (MailchimpStream s : values()) {
            if (s.streamName.equals(spec.name())) {
                return s;
            }
        }
        throw new IllegalArgumentException("mailchimp has no stream " + spec.name());
    }
}
