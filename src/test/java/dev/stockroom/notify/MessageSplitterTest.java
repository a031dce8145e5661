package dev.stockroom.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageSplitterTest {

    @Test
    void a_short_message_stays_whole() {
        assertThat(MessageSplitter.split("one\ntwo", 20)).containsExactly("one\ntwo");
    }

    @Test
    void lines_are_packed_into_parts_and_never_broken_when_they_fit() {
        assertThat(MessageSplitter.split("aaaa\nbbbb\ncccc\ndd", 10)).containsExactly("aaaa\nbbbb", "cccc\ndd");
    }

    @Test
    void an_overlong_line_is_cut_hard_but_not_inside_an_entity_or_tag() {
        assertThat(MessageSplitter.split("abcdefg&amp;xyz", 10)).containsExactly("abcdefg", "&amp;xyz");
        assertThat(MessageSplitter.split("abcdefgh<b>x</b>", 10)).containsExactly("abcdefgh", "<b>x</b>");
        assertThat(MessageSplitter.split("a".repeat(25), 10)).containsExactly("a".repeat(10), "a".repeat(10), "aaaaa");
    }

    @Test
    void an_emoji_is_never_split_in_half() {
        assertThat(MessageSplitter.split("abcdefghi✅✅", 10).get(0)).isEqualTo("abcdefghi✅");
        assertThat(MessageSplitter.split("abcdefghi\uD83D\uDE00z", 10)).containsExactly("abcdefghi", "\uD83D\uDE00z");
    }

    @Test
    void blank_parts_are_dropped_because_chats_reject_empty_messages() {
        assertThat(MessageSplitter.split("aaaaaaaaaa\n\n\nbbbb", 10)).containsExactly("aaaaaaaaaa", "bbbb");
        assertThat(MessageSplitter.split("\n\n", 10)).isEmpty();
    }
}
