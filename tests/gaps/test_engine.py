"""The topic detector on plain records: meaning groups, common words do not."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from escalation.gaps.engine import DemandItem, detect_topics

NOW = datetime(2026, 11, 1, tzinfo=UTC)


def items_from(rows, source="thread"):
    return [
        DemandItem(source, str(i), f"u{i}", title, body, NOW - timedelta(days=i))
        for i, (title, body) in enumerate(rows)
    ]


def topic_of(detection, key):
    for topic in detection.topics:
        if key in topic.keys:
            return set(topic.keys)
    return {key}


def test_same_question_in_different_words_is_one_topic():
    rows = [
        ("How do I export my invoices to CSV?", "I need all invoices from last year as CSV."),
        ("Export invoices as csv file", "Where is the button to download the invoice list?"),
        ("Can't find how to exprot invoice history to CSV", "Accountant wants a CSV."),
        ("Invoice CSV export missing", "Any way to export invoices to a spreadsheet (csv)?"),
        ("Two-factor codes never arrive by SMS", "I enabled two-factor but get no text message."),
        ("How do I change the language of the dashboard?", "It shows German, I want English."),
    ]
    detection = detect_topics(items_from(rows))
    assert topic_of(detection, "thread:0") == {f"thread:{i}" for i in range(4)}


def test_questions_sharing_common_words_stay_apart():
    rows = [
        ("Reset password email never arrives", "I clicked reset password, no email came."),
        ("Password reset email never arrived", "The reset password email is not in my inbox."),
        ("Password must contain a symbol error", "Signup says my password needs a symbol."),
        ("Error: password too short on signup", "Sign up form rejects my eight letter password."),
        ("Where is my order? Tracking shows nothing", "Order tracking page is blank."),
        ("Cancel an order before it ships", "I ordered the wrong size, how do I cancel the order?"),
        ("Error 502 when opening reports", "The reports page shows error 502."),
        ("Payment error with Visa card", "Card payment fails with an error."),
    ]
    detection = detect_topics(items_from(rows))
    assert topic_of(detection, "thread:0") == {"thread:0", "thread:1"}
    for lonely in ("thread:2", "thread:3", "thread:4", "thread:5", "thread:6", "thread:7"):
        assert topic_of(detection, lonely) == {lonely}


def test_korean_and_thai_questions_group_without_spaces():
    rows = [
        ("비밀번호 재설정 메일이 오지 않아요", ""),
        ("안녕하세요 비밀번호 재설정 메일이 오지 않아요", ""),
        ("비밀번호 재설정 메일이 오지 않아요 도와주세요", ""),
        ("ลืมรหัสผ่านต้องทำอย่างไร", ""),
        ("ลืมรหัสผ่านต้องทำอย่างไรครับ", ""),
        ("ยกเลิกการสมัครสมาชิก", ""),
    ]
    detection = detect_topics(items_from(rows))
    assert topic_of(detection, "thread:0") == {"thread:0", "thread:1", "thread:2"}
    assert topic_of(detection, "thread:3") == {"thread:3", "thread:4"}
    assert topic_of(detection, "thread:5") == {"thread:5"}


def test_duplicate_joins_its_original_whatever_its_words():
    items = items_from([("Export invoices to CSV", ""), ("Spreadsheet of my bills?", "")])
    items[1] = DemandItem("thread", "1", "u1", items[1].title, "", NOW, duplicate_of="thread:0")
    detection = detect_topics(items)
    assert topic_of(detection, "thread:0") == {"thread:0", "thread:1"}


def test_topic_describes_itself():
    rows = [
        ("How do I export my invoices to CSV?", ""),
        ("Export invoices as CSV", ""),
        ("Export invoices to CSV please", ""),
    ]
    items = items_from(rows)
    topic = detect_topics(items).topics[0]
    assert topic.asker_count == 3
    assert "invoices" in topic.key_terms or "invoice" in topic.key_terms
    assert topic.title in {title for title, _body in rows}
    assert topic.first_seen == NOW - timedelta(days=2)
    assert topic.last_seen == NOW


def test_same_input_gives_same_topics():
    rows = [(f"Export invoices to CSV variant {i % 3}", "") for i in range(9)]
    first = [t.keys for t in detect_topics(items_from(rows)).topics]
    second = [t.keys for t in detect_topics(items_from(rows)).topics]
    assert first == second


def test_korean_paraphrases_group_and_a_different_korean_question_stays_apart():
    rows = [
        (
            "비밀번호 재설정 메일이 오지 않아요",
            "비밀번호를 잊어서 재설정을 눌렀는데 메일이 안 와요.",
        ),
        ("재설정 메일이 안 와요", "비밀번호 찾기를 했는데 메일이 오지 않아요."),
        ("비밀번호 변경은 어디서 하나요?", "설정에서 비밀번호를 바꾸고 싶어요."),
        ("ไม่ได้รับอีเมลรีเซ็ตรหัสผ่าน", "ขอรีเซ็ตรหัสผ่านแล้วแต่ไม่มีอีเมลเข้ามา"),
        ("อีเมลรีเซ็ตรหัสผ่านไม่มา", "รอนานแล้วยังไม่ได้รับอีเมลรีเซ็ตรหัสผ่าน"),
        ("เปลี่ยนภาษาของแอป", "อยากเปลี่ยนภาษาเป็นภาษาอังกฤษ"),
    ]
    detection = detect_topics(items_from(rows))
    # Reset mail not arriving, in other words: one topic (rows keep more bigram terms).
    assert topic_of(detection, "thread:0") == {"thread:0", "thread:1"}
    # "Where do I change my password?" shares 비밀번호 but asks something else.
    assert topic_of(detection, "thread:2") == {"thread:2"}
    assert topic_of(detection, "thread:3") == {"thread:3", "thread:4"}
    assert topic_of(detection, "thread:5") == {"thread:5"}
