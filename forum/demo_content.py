"""Demo threads about the fictional "Acme Cloud" (data only; ``forum.demo`` turns it into rows).

Each thread: (key, category, asker, title, body, tags, days ago, answers, accepted answer index).
Each answer: (author, body, upvoters, downvoters). Users are keys of ``DemoContext.users`` or of
``EXTRA_MEMBERS``. Some questions repeat others in different words (for duplicate and KB-gap
detection); some are in Korean and Thai; some are old and unanswered (material for escalation).
"""

from __future__ import annotations

CATEGORIES = [
    # slug, name, description, order, escalation enabled
    ("accounts", "Accounts & sign-in", "Signing in, passwords, two-factor, team members.", 1, True),
    (
        "billing",
        "Billing & invoices",
        "Plans, invoices, VAT, refunds and payment methods.",
        2,
        True,
    ),
    ("shipping", "Orders & shipping", "Hardware orders, delivery times, returns.", 3, False),
    ("troubleshooting", "Troubleshooting", "Errors, slow dashboards, sync problems.", 4, True),
    ("api", "API & integrations", "REST API, webhooks, SDKs, Zapier and Slack.", 5, False),
    ("ideas", "Ideas & discussions", "Feature ideas, tips and show-and-tell.", 6, False),
]

EXTRA_MEMBERS = [
    ("lee", "lee@example.com", "Lee Chen"),
    ("maria", "maria@example.com", "Maria Garcia"),
    ("tom", "tom@example.com", "Tom Becker"),
    ("aiko", "aiko@example.com", "Aiko Tanaka"),
]

FANS = ["member", "lee", "maria", "tom", "aiko", "korean", "thai", "asker", "expert"]

A = "expert"
T = [
    # --- accounts -------------------------------------------------------------------------
    (
        "reset-2fa",
        "accounts",
        "asker",
        "I lost my phone: how do I sign in without my 2FA code?",
        "I switched phones and the authenticator app did not move over. Now Acme Cloud asks for a "
        "6-digit code I cannot get. Is there a way back in without waiting for support?",
        ["2fa", "sign-in"],
        40,
        [
            (
                A,
                "Use one of the **recovery codes** you saved when you turned on two-factor: enter it "
                "instead of the 6-digit code. Then go to *Settings → Security* and set up the new phone."
                "\n\nNo recovery codes? An account owner on your team can reset your 2FA from "
                "*Team → Members → ⋯ → Reset two-factor*.",
                5,
                0,
            ),
            ("lee", "Same thing happened to me; the team owner reset it in a minute.", 2, 0),
        ],
        0,
    ),
    (
        "2fa-new-phone",
        "accounts",
        "tom",
        "Authenticator codes stopped working after changing phone",
        "New phone, restored from backup, but the codes from the authenticator are rejected. "
        "How do I move two-factor to a new device?",
        ["2fa"],
        12,
        [
            (
                "maria",
                "Check that the phone clock is set automatically: TOTP codes depend on time. "
                "If it still fails, sign in with a recovery code and enrol the new phone.",
                3,
                0,
            )
        ],
        0,
    ),
    (
        "sso-okta",
        "accounts",
        "member",
        "Can we use Okta SSO on the Team plan?",
        "Our IT team wants SAML single sign-on with Okta. Is that available on Team or only on "
        "Enterprise?",
        ["sso", "saml", "plans"],
        25,
        [
            (
                "agent",
                "SAML SSO (Okta, Azure AD, Google) is part of **Enterprise**. On Team you can "
                "require Google sign-in for everyone under *Settings → Security*.",
                4,
                0,
            )
        ],
        0,
    ),
    (
        "invite-expired",
        "accounts",
        "aiko",
        "Team invitation link says expired",
        "I invited a colleague yesterday and the link already says it has expired. How long are "
        "invitations valid?",
        ["team", "invitations"],
        6,
        [
            (
                A,
                "Invitations are valid for 72 hours, but they are also cancelled if the seat count is "
                "reached. Check *Team → Billing → Seats*, then resend from *Team → Members*.",
                2,
                0,
            )
        ],
        None,
    ),
    (
        "change-email",
        "accounts",
        "lee",
        "How do I change the email address of my account?",
        "I'm leaving my company and want to move my personal projects to my private email.",
        ["account", "email"],
        3,
        [],
        None,
    ),
    (
        "delete-account",
        "accounts",
        "maria",
        "Deleting my account: what happens to my data?",
        "Before I close the account I'd like to know how long backups are kept and whether I can "
        "export everything first.",
        ["account", "privacy", "export"],
        95,
        [
            (
                "agent",
                "Export first from *Settings → Data → Export* (a ZIP of projects and files). "
                "After deletion, data leaves our backups within 30 days.",
                6,
                0,
            )
        ],
        0,
    ),
    (
        "locked-out",
        "accounts",
        "member",
        "Account locked after too many password attempts",
        "It says my account is locked for security reasons. How long until I can try again?",
        ["sign-in", "password"],
        18,
        [
            (
                "tom",
                "It unlocks after 15 minutes; resetting your password unlocks it right away.",
                3,
                0,
            )
        ],
        0,
    ),
    # --- billing ----------------------------------------------------------------------------
    (
        "vat-wrong",
        "billing",
        "asker",
        "Invoice shows the wrong VAT number",
        "Our invoices since May show our old VAT number. Where do I change it, and can old "
        "invoices be reissued?",
        ["vat", "invoices"],
        33,
        [
            (
                A,
                "Change it in *Billing → Company details → Tax ID*. New invoices use it immediately. "
                "For old invoices, open each invoice and press **Reissue**: it creates a corrected "
                "copy with the same number and a note.",
                7,
                0,
            ),
            (
                "member",
                "Reissue worked for me, but only for invoices from the last 12 months.",
                3,
                0,
            ),
        ],
        0,
    ),
    (
        "vat-update",
        "billing",
        "tom",
        "Where can I update our company tax ID on invoices?",
        "We got a new tax identification number. Is there a setting so the next invoice shows it?",
        ["vat", "invoices"],
        9,
        [("maria", "Billing → Company details → Tax ID. Takes effect on the next invoice.", 2, 0)],
        0,
    ),
    (
        "refund-double",
        "billing",
        "member",
        "I was charged twice this month",
        "My card statement shows two charges of $49 on the same day for the Team plan. How do I get "
        "a refund for the duplicate?",
        ["refunds", "payments"],
        20,
        [
            (
                "agent",
                "Sorry about that! Duplicate charges are refunded automatically within 5 "
                "business days once the bank settles. If not, reply with the last 4 digits of "
                "the card and we'll refund it manually.",
                4,
                0,
            )
        ],
        0,
    ),
    (
        "refund-duplicate-charge",
        "billing",
        "aiko",
        "Double payment on my credit card",
        "Acme charged my card two times for one subscription. What should I do?",
        ["refunds", "payments"],
        2,
        [],
        None,
    ),
    (
        "downgrade",
        "billing",
        "lee",
        "What happens to my projects if I downgrade to Free?",
        "Free has a 3 project limit and I have 7. Do the others get deleted?",
        ["plans", "downgrade"],
        14,
        [
            (
                A,
                "Nothing is deleted: projects over the limit become **read-only** until you archive "
                "some or upgrade again.",
                5,
                0,
            )
        ],
        0,
    ),
    (
        "invoice-pdf-address",
        "billing",
        "maria",
        "Add a purchase order number to invoices?",
        "Our accounting team needs our PO number printed on every invoice.",
        ["invoices"],
        55,
        [
            (
                "tom",
                "You can add a free-text 'Invoice note' under Billing → Company details; "
                "we put our PO number there.",
                3,
                0,
            )
        ],
        None,
    ),
    (
        "annual-switch",
        "billing",
        "korean",
        "Switching from monthly to annual billing mid-cycle",
        "If I switch to annual today, do I pay the full year plus this month?",
        ["plans"],
        7,
        [
            (
                "agent",
                "No, the unused part of this month is credited against the annual price.",
                2,
                0,
            )
        ],
        0,
    ),
    (
        "card-declined",
        "billing",
        "thai",
        "Card declined when upgrading, but the bank says it's fine",
        "Every time I upgrade I get 'card declined'. My bank sees no attempt at all.",
        ["payments"],
        80,
        [],
        None,
    ),
    # --- shipping ---------------------------------------------------------------------------
    (
        "gateway-delivery",
        "shipping",
        "tom",
        "How long does the Acme Gateway take to ship to Germany?",
        "Ordered the Acme Gateway hardware on Monday. Any idea of delivery times to the EU?",
        ["gateway", "delivery"],
        11,
        [("maria", "Mine took 4 business days to Berlin via DHL; you get a tracking email.", 3, 0)],
        0,
    ),
    (
        "return-gateway",
        "shipping",
        "member",
        "Returning a Gateway that arrived damaged",
        "The box arrived crushed and the device does not power on. How do I return it?",
        ["returns", "gateway"],
        29,
        [
            (
                "agent",
                "Start a return in *Orders → ⋯ → Report a problem*, attach a photo, and we send "
                "a replacement before you ship the broken one back.",
                4,
                0,
            )
        ],
        0,
    ),
    (
        "customs-fees",
        "shipping",
        "aiko",
        "Will I pay customs fees for shipping to Japan?",
        "Are import duties included in the price for Japan?",
        ["customs", "delivery"],
        120,
        [],
        None,
    ),
    (
        "tracking-none",
        "shipping",
        "lee",
        "No tracking number after 5 days",
        "My order is marked 'processing' since last week and there's no tracking number.",
        ["delivery", "orders"],
        4,
        [
            (
                "tom",
                "Same here last month; it shipped on day 6. Support can check the warehouse.",
                1,
                0,
            )
        ],
        None,
    ),
    (
        "change-address",
        "shipping",
        "maria",
        "Change the delivery address after ordering",
        "I typed the wrong postcode. Can I still change the address?",
        ["orders"],
        16,
        [("agent", "Yes, until the order shows 'Shipped': *Orders → Edit address*.", 3, 0)],
        0,
    ),
    # --- troubleshooting --------------------------------------------------------------------
    (
        "sync-stuck",
        "troubleshooting",
        "asker",
        "Files stuck on 'Syncing…' forever",
        "The desktop app shows 'Syncing…' for hours and nothing uploads. Restarting did not help. "
        "Windows 11, app version 4.2.",
        ["desktop", "sync"],
        21,
        [
            (
                A,
                "Version 4.2 has a known issue with paths longer than 260 characters. Update to 4.2.3 "
                "(Help → Check for updates), or enable long paths:\n\n```powershell\n"
                "New-ItemProperty -Path HKLM:\\SYSTEM\\CurrentControlSet\\Control\\FileSystem "
                "-Name LongPathsEnabled -Value 1 -PropertyType DWORD -Force\n```",
                9,
                0,
            ),
            ("lee", "Updating to 4.2.3 fixed it for me.", 4, 0),
            ("tom", "Reinstalling also works but you have to sign in again.", 0, 1),
        ],
        0,
    ),
    (
        "sync-not-uploading",
        "troubleshooting",
        "thai",
        "Desktop app never finishes uploading",
        "The sync icon keeps spinning and my files never appear on the web. What can I check?",
        ["desktop", "sync"],
        5,
        [
            (
                "maria",
                "Which version? 4.2 had a bug with long folder names, update to the latest.",
                2,
                0,
            )
        ],
        None,
    ),
    (
        "dashboard-slow",
        "troubleshooting",
        "member",
        "Dashboard takes 30 seconds to load",
        "Since last week the dashboard is very slow, other sites are fine.",
        ["performance", "dashboard"],
        60,
        [("tom", "Try disabling browser extensions; an ad blocker slowed it for me.", 1, 0)],
        None,
    ),
    (
        "error-502",
        "troubleshooting",
        "lee",
        "Getting 502 Bad Gateway when opening a project",
        "Only one project gives 502, the others open. It has about 40,000 files.",
        ["errors", "projects"],
        100,
        [],
        None,
    ),
    (
        "mobile-crash",
        "troubleshooting",
        "aiko",
        "iOS app crashes when opening photos",
        "The iPhone app closes as soon as I open the Photos folder. iOS 18.",
        ["mobile", "ios"],
        8,
        [(A, "Fixed in 3.8.1 (released yesterday) — update from the App Store.", 3, 0)],
        0,
    ),
    (
        "password-reset-email",
        "troubleshooting",
        "tom",
        "Password reset email never arrives",
        "I requested the reset three times. Nothing in spam either.",
        ["email", "password"],
        27,
        [
            (
                "agent",
                "Some company mail filters block our sender. Add no-reply@acme.example to your "
                "allow list, or ask us to send the link to another address.",
                5,
                0,
            )
        ],
        0,
    ),
    (
        "reset-mail-missing",
        "troubleshooting",
        "korean",
        "Reset password mail not received",
        "I don't get the email to reset my password. Is the service down?",
        ["email", "password"],
        1,
        [],
        None,
    ),
    (
        "share-link-404",
        "troubleshooting",
        "maria",
        "Shared link shows 404 for my client",
        "I sent a share link and my client gets 'not found'.",
        ["sharing"],
        45,
        [
            (
                "lee",
                "Links expire after 7 days by default; check Share → Link settings → Expiry.",
                4,
                0,
            )
        ],
        0,
    ),
    # --- api --------------------------------------------------------------------------------
    (
        "api-rate-limit",
        "api",
        "lee",
        "What are the API rate limits?",
        "I get HTTP 429 from the REST API after a few hundred requests. What's the limit per "
        "minute and is there a header to read it?",
        ["rest", "rate-limit"],
        19,
        [
            (
                A,
                "600 requests per minute per token on Team. Read `X-RateLimit-Remaining` and, on 429, "
                "wait for `Retry-After` seconds:\n\n```python\nimport time, requests\n"
                "r = requests.get(url, headers=auth)\nif r.status_code == 429:\n"
                "    time.sleep(int(r.headers['Retry-After']))\n```",
                8,
                0,
            )
        ],
        0,
    ),
    (
        "api-429",
        "api",
        "tom",
        "API returns 429 Too Many Requests",
        "Our nightly import script fails with 429. How do I slow down correctly?",
        ["rest", "rate-limit"],
        6,
        [("maria", "Respect the Retry-After header and use exponential backoff.", 2, 0)],
        None,
    ),
    (
        "webhook-signature",
        "api",
        "maria",
        "How do I verify webhook signatures?",
        "Webhooks arrive with an `Acme-Signature` header. Which algorithm and secret?",
        ["webhooks", "security"],
        35,
        [
            (
                A,
                "HMAC-SHA256 of the raw body with the endpoint's signing secret (Settings → Webhooks). "
                "Compare in constant time:\n\n```python\nimport hmac, hashlib\n"
                "expected = hmac.new(secret, body, hashlib.sha256).hexdigest()\n"
                "ok = hmac.compare_digest(expected, header)\n```",
                6,
                0,
            )
        ],
        0,
    ),
    (
        "webhook-retries",
        "api",
        "aiko",
        "Are failed webhooks retried?",
        "Our endpoint was down for an hour. Did we lose the events?",
        ["webhooks"],
        13,
        [
            (
                "agent",
                "Failed deliveries are retried with backoff for 24 hours; you can also replay "
                "them from Settings → Webhooks → Deliveries.",
                3,
                0,
            )
        ],
        0,
    ),
    (
        "python-sdk-timeout",
        "api",
        "member",
        "Python SDK timeout on large uploads",
        "`acme.upload()` times out for files over 2 GB.",
        ["sdk", "python", "uploads"],
        70,
        [],
        None,
    ),
    (
        "zapier-trigger",
        "api",
        "lee",
        "Zapier trigger for new files in a folder?",
        "Is there a Zapier trigger when a file is added to a specific folder?",
        ["zapier"],
        10,
        [("tom", "Use the 'New file' trigger and set the folder filter.", 2, 0)],
        0,
    ),
    (
        "slack-notifs",
        "api",
        "asker",
        "Slack notifications stopped after workspace rename",
        "We renamed our Slack workspace and the Acme notifications stopped.",
        ["slack"],
        3,
        [],
        None,
    ),
    # --- ideas / discussions ----------------------------------------------------------------
    (
        "dark-mode",
        "ideas",
        "maria",
        "Dark mode for the web dashboard",
        "Would love a dark theme, especially for late-night work. Anyone else?",
        ["ui"],
        50,
        [
            ("lee", "+1, the desktop app already follows the system theme.", 6, 0),
            ("aiko", "Yes please!", 3, 0),
        ],
        None,
    ),
    (
        "tips-shortcuts",
        "ideas",
        "expert",
        "Share your favourite keyboard shortcuts",
        "Mine: `g p` jumps to projects, `/` focuses search. What are yours?",
        ["tips"],
        22,
        [("tom", "`Shift+?` shows all shortcuts.", 4, 0)],
        None,
    ),
    (
        "offline-mode",
        "ideas",
        "tom",
        "Offline mode for the mobile app",
        "I travel a lot; offline access to starred files would help.",
        ["mobile"],
        75,
        [("maria", "Starred files are available offline on Android already, not on iOS.", 2, 0)],
        None,
    ),
    # --- Korean -----------------------------------------------------------------------------
    (
        "ko-invoice",
        "billing",
        "korean",
        "세금계산서 발행이 가능한가요?",
        "한국 법인인데 세금계산서를 받을 수 있는지 궁금합니다. 사업자등록번호는 어디에 입력하나요?",
        ["세금계산서", "invoices"],
        15,
        [
            (
                "agent",
                "네, 가능합니다. *Billing → Company details → Tax ID*에 사업자등록번호를 입력하면 "
                "다음 청구서부터 반영됩니다.",
                3,
                0,
            )
        ],
        0,
    ),
    (
        "ko-2fa",
        "accounts",
        "korean",
        "휴대폰을 바꿨더니 2단계 인증 코드가 안 맞아요",
        "새 휴대폰으로 바꾼 뒤 인증 앱 코드가 계속 틀렸다고 나옵니다. 어떻게 해야 하나요?",
        ["2fa"],
        4,
        [
            (
                A,
                "복구 코드로 로그인한 뒤 *Settings → Security*에서 새 휴대폰을 다시 등록하세요. "
                "휴대폰 시간이 자동 설정인지도 확인해 주세요.",
                2,
                0,
            )
        ],
        None,
    ),
    (
        "ko-sync",
        "troubleshooting",
        "korean",
        "동기화가 계속 '진행 중'으로 멈춰 있어요",
        "데스크톱 앱에서 파일 업로드가 끝나지 않습니다. 버전은 4.2입니다.",
        ["sync", "desktop"],
        90,
        [],
        None,
    ),
    (
        "ko-api",
        "api",
        "korean",
        "API 키는 어디에서 발급하나요?",
        "REST API를 쓰고 싶은데 토큰 발급 메뉴를 찾을 수 없습니다.",
        ["rest"],
        9,
        [("lee", "Settings → API tokens → New token 에서 만들 수 있어요.", 2, 0)],
        0,
    ),
    # --- Thai -------------------------------------------------------------------------------
    (
        "th-refund",
        "billing",
        "thai",
        "ขอคืนเงินค่าสมาชิกรายปีได้ไหมครับ",
        "สมัครแพ็กเกจรายปีผิด อยากขอคืนเงินภายใน 14 วัน ต้องทำอย่างไรครับ",
        ["refunds"],
        12,
        [
            (
                "agent",
                "ได้ครับ ภายใน 14 วันแรกขอคืนเงินเต็มจำนวนได้ที่ Billing → Plan → Cancel and refund ครับ",
                3,
                0,
            )
        ],
        0,
    ),
    (
        "th-shipping",
        "shipping",
        "thai",
        "ส่ง Acme Gateway มาประเทศไทยใช้เวลากี่วัน",
        "สั่งซื้อเมื่อวานครับ อยากทราบระยะเวลาจัดส่งมากรุงเทพฯ",
        ["delivery", "gateway"],
        2,
        [],
        None,
    ),
    (
        "th-login",
        "accounts",
        "thai",
        "เข้าสู่ระบบไม่ได้ ขึ้นว่าบัญชีถูกล็อก",
        "ใส่รหัสผ่านผิดหลายครั้ง ตอนนี้บัญชีถูกล็อก ต้องรอนานเท่าไร",
        ["sign-in", "password"],
        30,
        [("maria", "รอ 15 นาที หรือรีเซ็ตรหัสผ่านเพื่อปลดล็อกทันทีครับ", 2, 0)],
        0,
    ),
    (
        "th-slow",
        "troubleshooting",
        "thai",
        "แดชบอร์ดโหลดช้ามาก",
        "ช่วงนี้เปิดแดชบอร์ดทีไรช้ามาก เว็บอื่นปกติดี",
        ["performance"],
        65,
        [],
        None,
    ),
    # --- more English, mixed states ---------------------------------------------------------
    (
        "storage-full",
        "troubleshooting",
        "lee",
        "Storage says full but I deleted files",
        "I deleted 20 GB yesterday and the storage bar still says 100%.",
        ["storage"],
        17,
        [(A, "Deleted files stay in *Trash* for 30 days and still count. Empty the trash.", 6, 0)],
        0,
    ),
    (
        "storage-quota-trash",
        "troubleshooting",
        "aiko",
        "Quota not freed after deleting files",
        "Removed lots of files but my quota didn't go down.",
        ["storage"],
        1,
        [],
        None,
    ),
    (
        "export-csv",
        "api",
        "maria",
        "Export the audit log as CSV",
        "Is there an API endpoint or button to export the audit log?",
        ["audit", "export"],
        26,
        [
            (
                "agent",
                "Yes: `GET /v2/audit-log?format=csv`, or the Export button on the Audit page.",
                3,
                0,
            )
        ],
        0,
    ),
    (
        "seat-price",
        "billing",
        "tom",
        "Price of extra seats on the Team plan",
        "How much is one more seat per month, and is it prorated?",
        ["plans", "seats"],
        38,
        [("agent", "$9 per seat per month, prorated to the day.", 4, 0)],
        0,
    ),
    (
        "student-discount",
        "billing",
        "aiko",
        "Is there a student or non-profit discount?",
        "We are a small non-profit. Any discount available?",
        ["plans", "discount"],
        110,
        [],
        None,
    ),
    (
        "ship-multiple",
        "shipping",
        "lee",
        "Ordering 20 Gateways for several offices",
        "Can one order ship to several addresses?",
        ["orders", "gateway"],
        48,
        [("agent", "Not in one order; use the bulk order form and we split the shipment.", 2, 0)],
        None,
    ),
    (
        "calendar-integration",
        "api",
        "tom",
        "Google Calendar integration for deadlines",
        "Can project deadlines show up in Google Calendar?",
        ["integrations", "calendar"],
        52,
        [("lee", "There's an iCal feed under Project → Settings → Calendar feed.", 5, 0)],
        0,
    ),
    (
        "login-loop",
        "accounts",
        "member",
        "Sign-in page keeps looping back",
        "After entering my password I'm sent back to the sign-in page again.",
        ["sign-in"],
        0,
        [],
        None,
    ),
    (
        "two-accounts",
        "accounts",
        "tom",
        "Merge two accounts with different emails",
        "I accidentally created a second account. Can they be merged?",
        ["account"],
        85,
        [("maria", "I asked support last year, they merged mine.", 1, 0)],
        None,
    ),
    (
        "webhook-order",
        "api",
        "aiko",
        "Are webhook events delivered in order?",
        "We sometimes process 'file.updated' before 'file.created'.",
        ["webhooks"],
        31,
        [
            (
                A,
                "Ordering is not guaranteed; use the `sequence` field on each event to reorder.",
                4,
                0,
            )
        ],
        0,
    ),
    (
        "feature-comments",
        "ideas",
        "member",
        "Comments on files: how does your team use them?",
        "We started using file comments instead of email threads. Tips?",
        ["tips", "collaboration"],
        12,
        [("aiko", "We @mention the reviewer and resolve the comment when done.", 3, 0)],
        None,
    ),
    (
        "gateway-firmware",
        "troubleshooting",
        "maria",
        "Gateway firmware update failed halfway",
        "The update stopped at 60% and the light is blinking red.",
        ["gateway", "firmware"],
        58,
        [
            (
                A,
                "Hold the reset button for 10 seconds: it boots the backup firmware, then retry the "
                "update over a cable connection.",
                5,
                0,
            )
        ],
        0,
    ),
]

COMMENTS = [
    # thread key, answer index (None = question), author, text
    ("reset-2fa", 0, "asker", "The team owner reset worked, thank you!"),
    ("vat-wrong", None, "maria", "Same issue here after our company moved."),
    ("sync-stuck", 0, "thai", "Thanks, the registry command fixed it on my machine too."),
    ("api-rate-limit", 0, "tom", "Is the limit higher on Enterprise?"),
    ("dark-mode", None, "korean", "다크 모드 찬성합니다!"),
]
