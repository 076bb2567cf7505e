"""The demo knowledge base of "Acme Cloud", a SaaS with a shop (data only; see kb/demo.py).

Bodies use a tiny notation turned into StreamField blocks by ``kb.demo.body_blocks``:
("p", html) paragraph, ("h", text) section heading, ("h3", text) subsection, ("steps", [...]),
("note" | "tip" | "warning", html) callouts, ("code", language, text).
"""

from __future__ import annotations

# (key, parent key or None, title, slug, icon, description)
CATEGORIES = [
    ("start", None, "Getting started", "getting-started", "rocket",
     "Create your Acme Cloud workspace, invite your team and launch your shop."),
    ("account", None, "Account and sign-in", "account", "user",
     "Passwords, two-step verification, profile and team members."),
    ("billing", None, "Billing and plans", "billing", "card",
     "Plans, invoices, payment methods and taxes."),
    ("refunds", "billing", "Refunds", "refunds", "card",
     "When and how we refund charges and shop orders."),
    ("shipping", None, "Orders and shipping", "shipping", "box",
     "Track parcels, change addresses, returns and delivery times."),
    ("troubleshooting", None, "Troubleshooting", "troubleshooting", "wrench",
     "Fix sync errors, slow dashboards, failed uploads and API problems."),
    ("security", None, "Security and privacy", "security", "lock",
     "How we protect your data and what you can do to keep your account safe."),
    ("playbooks", None, "Agent playbooks", "agent-playbooks", "headset",
     "Internal procedures for the support team."),
]  # fmt: skip

STAFF = "staff"
PUBLIC = "public"

# (category key, slug, title, summary, tags, audience, reviewed days ago or None, body)
ARTICLES = [
    ("start", "create-your-workspace", "Create your Acme Cloud workspace",
     "Sign up, name your workspace and choose where your data lives.",
     ["onboarding", "workspace"], PUBLIC, 20, [
        ("p", "A workspace holds your shop, your files and your team. You can create more than one."),
        ("h", "Before you start"),
        ("p", "You need a work email address and, for paid plans, a credit card or PayPal account."),
        ("h", "Create the workspace"),
        ("steps", ["Go to <b>acme.example/signup</b> and enter your email address.",
                   "Open the confirmation email and click <b>Verify</b>.",
                   "Name your workspace and pick a data region (EU, US or Asia-Pacific).",
                   "Choose a plan. You can start on Free and upgrade later."]),
        ("tip", "Pick the data region closest to your customers: it cannot be changed later without a migration."),
    ]),
    ("start", "invite-your-team", "Invite your team",
     "Add colleagues to your workspace and choose what each of them can do.",
     ["onboarding", "team", "roles"], PUBLIC, 40, [
        ("p", "Owners and admins can invite people by email. Invitations expire after 7 days."),
        ("h", "Send an invitation"),
        ("steps", ["Open <b>Settings → Team</b>.", "Click <b>Invite people</b> and enter one or more email addresses.",
                   "Choose a role: Viewer, Editor, Admin or Billing manager.", "Click <b>Send invitations</b>."]),
        ("h", "Roles at a glance"),
        ("p", "Viewers read everything; editors change products and pages; admins manage the team; billing managers see invoices."),
        ("note", "Each plan includes a number of seats. Viewers are free on every plan."),
    ]),
    ("start", "launch-your-shop", "Launch your shop in five steps",
     "From empty catalogue to first order: products, payments, shipping and going live.",
     ["shop", "onboarding"], PUBLIC, 15, [
        ("p", "Your shop is included in every plan. Customers pay through Acme Pay or your own Stripe account."),
        ("steps", ["Add your first product with a photo, price and stock level.",
                   "Connect a payment provider under <b>Shop → Payments</b>.",
                   "Set up shipping zones and rates.",
                   "Preview the storefront and place a test order.",
                   "Click <b>Go live</b>."]),
        ("warning", "Test orders are charged for real once the shop is live. Refund them from the order page."),
    ]),
    ("start", "connect-a-custom-domain", "Connect a custom domain",
     "Serve your shop from your own domain name with a free TLS certificate.",
     ["domain", "dns", "shop"], PUBLIC, 300, [
        ("p", "You can use a domain you already own, such as <code>shop.example.com</code>."),
        ("h", "Add the DNS record"),
        ("p", "At your DNS provider, create this record:"),
        ("code", "text", "shop.example.com.  3600  IN  CNAME  shops.acme.example."),
        ("p", "Then open <b>Shop → Domain</b>, enter the domain and click <b>Verify</b>."),
        ("note", "DNS changes can take up to 24 hours. The certificate is issued automatically once the record resolves."),
    ]),
    ("account", "reset-your-password", "Reset your password",
     "Forgot your password? Get a reset link by email and choose a new one.",
     ["password", "sign-in"], PUBLIC, 10, [
        ("steps", ["On the sign-in page, click <b>Forgot password?</b>.",
                   "Enter the email address of your account.",
                   "Open the email we send (check spam) and click the link within one hour.",
                   "Choose a new password of at least 12 characters."]),
        ("tip", "A passphrase of four random words is both strong and easy to remember."),
        ("h", "No email arrived?"),
        ("p", "Make sure you typed the address you signed up with. Company mail filters sometimes hold our messages for a few minutes."),
    ]),
    ("account", "two-step-verification", "Turn on two-step verification",
     "Protect your account with an authenticator app or a security key.",
     ["security", "sign-in", "2fa"], PUBLIC, 60, [
        ("p", "With two-step verification, signing in needs your password and a code from your phone or a security key."),
        ("steps", ["Open <b>Profile → Security</b>.", "Click <b>Turn on two-step verification</b>.",
                   "Scan the QR code with an authenticator app.", "Enter the 6-digit code and save your recovery codes."]),
        ("warning", "Store the recovery codes somewhere safe. Without them, support must verify your identity before restoring access, which takes up to 3 business days."),
    ]),
    ("account", "change-your-email-address", "Change the email address of your account",
     "Update the address you sign in with and where we send receipts.",
     ["email", "profile"], PUBLIC, 200, [
        ("steps", ["Open <b>Profile → Email</b>.", "Add the new address and click <b>Send confirmation</b>.",
                   "Click the link in the email we send to the new address.", "Make the new address primary."]),
        ("note", "Receipts go to the billing email, which you can set separately under Billing."),
    ]),
    ("account", "delete-your-account", "Close your account and delete your data",
     "What happens when you close your account, and how to export your data first.",
     ["privacy", "account", "data"], PUBLIC, None, [
        ("p", "Closing your account deletes your workspace, shop and files after a 30-day grace period."),
        ("h", "Export first"),
        ("p", "Use <b>Settings → Export</b> to download products, orders and customers as CSV files."),
        ("h", "Close the account"),
        ("steps", ["Cancel any paid plan.", "Open <b>Settings → Danger zone</b>.", "Click <b>Close account</b> and type your workspace name."]),
        ("warning", "After 30 days deletion cannot be undone."),
    ]),
    ("account", "비밀번호-재설정", "비밀번호를 재설정하는 방법",
     "비밀번호를 잊으셨나요? 이메일로 재설정 링크를 받아 새 비밀번호를 만드세요.",
     ["password", "sign-in", "한국어"], PUBLIC, 30, [
        ("p", "로그인 화면에서 비밀번호를 재설정할 수 있습니다."),
        ("h", "재설정 순서"),
        ("steps", ["로그인 화면에서 <b>비밀번호를 잊으셨나요?</b>를 누릅니다.",
                   "가입할 때 사용한 이메일 주소를 입력합니다.",
                   "받은 메일의 링크를 1시간 안에 누릅니다.",
                   "12자 이상의 새 비밀번호를 정합니다."]),
        ("tip", "메일이 오지 않으면 스팸함을 확인하세요."),
    ]),
    ("billing", "plans-and-pricing", "Compare plans and prices",
     "Free, Team and Business plans: what each includes and how billing periods work.",
     ["plans", "pricing"], PUBLIC, 25, [
        ("p", "Every plan includes the shop, unlimited products and email support. Paid plans add seats, storage and lower transaction fees."),
        ("h", "Monthly or yearly"),
        ("p", "Yearly billing costs the same as ten months. You can switch at any time; we prorate the difference."),
    ]),
    ("billing", "change-your-plan", "Upgrade or downgrade your plan",
     "Change plans at any time; we prorate the difference on your next invoice.",
     ["plans", "invoices"], PUBLIC, 45, [
        ("steps", ["Open <b>Billing → Plan</b>.", "Click <b>Change plan</b>.", "Choose the new plan and billing period.", "Confirm."]),
        ("note", "Downgrading removes features at the end of the current period, not immediately."),
    ]),
    ("billing", "update-payment-method", "Update your payment method",
     "Add a new card, switch to PayPal or pay by bank transfer.",
     ["payment", "card", "invoices"], PUBLIC, 190, [
        ("steps", ["Open <b>Billing → Payment methods</b>.", "Click <b>Add payment method</b>.", "Make it the default and remove the old card."]),
        ("p", "Bank transfer is available on yearly Business plans. Contact support to switch."),
    ]),
    ("billing", "download-invoices", "Download invoices and receipts",
     "Find every invoice as a PDF and add your VAT number.",
     ["invoices", "vat", "tax"], PUBLIC, 90, [
        ("p", "Invoices are under <b>Billing → Invoices</b>. Each one has a PDF download."),
        ("h", "Add a VAT or tax number"),
        ("p", "Enter it under <b>Billing → Details</b>. It appears on invoices issued afterwards."),
    ]),
    ("billing", "failed-payments", "What happens when a payment fails",
     "Retries, reminders and when your workspace becomes read-only.",
     ["payment", "invoices"], PUBLIC, 400, [
        ("p", "We retry a failed payment after 1, 3 and 7 days and email the billing contact each time."),
        ("warning", "After 14 days without payment, the workspace becomes read-only. Your shop stays online."),
    ]),
    ("billing", "การเปลี่ยนแผน", "วิธีเปลี่ยนแผนการใช้งาน",
     "เปลี่ยนแผนได้ทุกเมื่อ ระบบจะคำนวณส่วนต่างให้ในใบแจ้งหนี้ถัดไป",
     ["plans", "ภาษาไทย"], PUBLIC, 35, [
        ("p", "คุณสามารถอัปเกรดหรือดาวน์เกรดแผนได้จากหน้าการเรียกเก็บเงิน"),
        ("h", "ขั้นตอน"),
        ("steps", ["เปิด <b>การเรียกเก็บเงิน → แผน</b>", "กด <b>เปลี่ยนแผน</b>", "เลือกแผนใหม่แล้วกดยืนยัน"]),
        ("note", "การดาวน์เกรดจะมีผลเมื่อสิ้นสุดรอบบิลปัจจุบัน"),
    ]),
    ("refunds", "refund-policy", "Our refund policy",
     "Plan charges are refundable within 14 days; shop orders follow your own policy.",
     ["refunds", "plans"], PUBLIC, 50, [
        ("p", "If you upgrade by mistake, ask for a refund within 14 days and we return the full amount."),
        ("h", "Shop orders"),
        ("p", "Refunds to your own customers are made by you from the order page; see <b>Refund a shop order</b>."),
    ]),
    ("refunds", "refund-a-shop-order", "Refund a shop order",
     "Return money to a customer in full or in part.",
     ["refunds", "shop", "orders"], PUBLIC, 70, [
        ("steps", ["Open the order under <b>Shop → Orders</b>.", "Click <b>Refund</b>.", "Choose the items or enter an amount.", "Add a note for the customer and confirm."]),
        ("note", "Card refunds take 5 to 10 business days to appear on the customer's statement."),
    ]),
    ("refunds", "환불-요청", "요금 환불 요청하기",
     "실수로 결제하셨나요? 14일 안에 환불을 요청할 수 있습니다.",
     ["refunds", "한국어"], PUBLIC, 80, [
        ("p", "요금제 결제 후 14일 이내라면 전액 환불해 드립니다."),
        ("steps", ["<b>결제 → 청구서</b>를 엽니다.", "해당 청구서에서 <b>환불 요청</b>을 누릅니다.", "사유를 적고 보냅니다."]),
    ]),
    ("shipping", "track-your-order", "Track your order",
     "Find where your parcel is and when it will arrive.",
     ["tracking", "orders", "delivery"], PUBLIC, 12, [
        ("p", "When your order ships, we email a tracking link. You can also open <b>My orders</b> in the shop."),
        ("h", "The tracking page shows no update"),
        ("p", "Carriers often scan a parcel only at the first hub. Wait 48 hours before contacting us."),
    ]),
    ("shipping", "delivery-times", "Delivery times and costs",
     "How long shipping takes in each region and what it costs.",
     ["delivery", "shipping-rates"], PUBLIC, 150, [
        ("p", "Standard delivery takes 2–4 business days in the EU and US, and 4–8 in Asia-Pacific. Express halves these times."),
        ("tip", "Orders placed before 14:00 local warehouse time ship the same day."),
    ]),
    ("shipping", "change-shipping-address", "Change the delivery address of an order",
     "You can change the address until the parcel leaves the warehouse.",
     ["orders", "delivery", "address"], PUBLIC, 100, [
        ("steps", ["Open <b>My orders</b>.", "Choose the order and click <b>Change address</b>.", "Enter the new address and save."]),
        ("warning", "Once the status is <b>Shipped</b>, contact the carrier instead."),
    ]),
    ("shipping", "return-an-item", "Return an item",
     "Print a return label and send back an item within 30 days.",
     ["returns", "refunds", "orders"], PUBLIC, 220, [
        ("steps", ["Open <b>My orders</b> and choose the order.", "Click <b>Return items</b> and pick the items and a reason.", "Print the label and drop the parcel at any carrier point."]),
        ("note", "We refund within 3 business days of receiving the return."),
    ]),
    ("shipping", "ติดตามพัสดุ", "วิธีติดตามพัสดุของคุณ",
     "ดูว่าพัสดุของคุณอยู่ที่ไหนและจะถึงเมื่อไร",
     ["tracking", "ภาษาไทย"], PUBLIC, 18, [
        ("p", "เมื่อคำสั่งซื้อถูกจัดส่ง เราจะส่งลิงก์ติดตามพัสดุทางอีเมล"),
        ("steps", ["เปิด <b>คำสั่งซื้อของฉัน</b>", "เลือกคำสั่งซื้อ", "กด <b>ติดตามพัสดุ</b>"]),
        ("tip", "หากสถานะไม่อัปเดต โปรดรอ 48 ชั่วโมงก่อนติดต่อเรา"),
    ]),
    ("troubleshooting", "sync-errors", "Fix \"Sync failed\" errors",
     "What the sync error codes mean and how to clear them.",
     ["sync", "errors", "api"], PUBLIC, 260, [
        ("p", "Sync copies your catalogue to connected marketplaces every 15 minutes."),
        ("h", "E401: the connection expired"),
        ("p", "Reconnect the marketplace under <b>Integrations</b>."),
        ("h", "E429: too many requests"),
        ("p", "The marketplace is limiting us. Sync resumes on its own; nothing to do."),
        ("h", "E500: anything else"),
        ("p", "Retry from <b>Integrations → Sync now</b>. If it persists, contact support with the error ID."),
    ]),
    ("troubleshooting", "slow-dashboard", "The dashboard is slow",
     "Speed up a dashboard with many widgets or a large date range.",
     ["performance", "dashboard"], PUBLIC, None, [
        ("steps", ["Reduce the date range to 90 days or less.", "Remove widgets you do not use.", "Clear your browser cache and reload."]),
        ("note", "Reports over more than a year are computed overnight and emailed to you."),
    ]),
    ("troubleshooting", "upload-fails", "Uploads fail or stop at 99%",
     "Size limits, file types and network issues that stop uploads.",
     ["uploads", "errors", "files"], PUBLIC, 120, [
        ("p", "Files up to 5 GB are accepted. Images must be JPEG, PNG, WebP or AVIF."),
        ("h", "Behind a company proxy"),
        ("p", "Some proxies cut long uploads. Try another network, or use the command-line uploader:"),
        ("code", "bash", "acme upload --workspace my-shop ./photos/*.jpg"),
    ]),
    ("troubleshooting", "api-authentication", "API requests return 401 Unauthorized",
     "Check your API token, its scopes and the Authorization header.",
     ["api", "errors", "tokens"], PUBLIC, 75, [
        ("p", "Every request needs a bearer token created under <b>Settings → API</b>."),
        ("code", "bash", "curl -H \"Authorization: Bearer $ACME_TOKEN\" https://api.acme.example/v2/products"),
        ("warning", "Tokens are shown once. If you lost one, revoke it and create a new one."),
    ]),
    ("security", "how-we-protect-your-data", "How we protect your data",
     "Encryption, backups, access controls and certifications.",
     ["security", "privacy", "data"], PUBLIC, 160, [
        ("p", "Data is encrypted in transit (TLS 1.3) and at rest (AES-256). Backups run every hour and are kept for 35 days."),
        ("p", "Staff access production data only through audited, time-limited sessions."),
    ]),
    ("security", "report-a-vulnerability", "Report a security vulnerability",
     "How to tell us about a security problem, and what we promise in return.",
     ["security"], PUBLIC, 10, [
        ("p", "Email <b>security@acme.example</b> with the details. We answer within one business day and do not take legal action against good-faith research."),
    ]),
    ("playbooks", "refund-approval-limits", "Refund approval limits for agents",
     "Which refunds an agent may approve alone and which need a team lead.",
     ["refunds", "agents", "internal"], STAFF, 30, [
        ("p", "Agents may refund plan charges up to 200 EUR within 30 days without approval."),
        ("h", "Needs a team lead"),
        ("p", "Refunds above 200 EUR, older than 30 days, or a second refund for the same customer in a year."),
        ("warning", "Never refund to a different card than the one charged."),
    ]),
    ("playbooks", "verify-account-ownership", "Verify account ownership before changes",
     "The identity checks to run before changing an email address or disabling two-step verification.",
     ["security", "agents", "internal", "2fa"], STAFF, 200, [
        ("steps", ["Ask for the last four digits of the card on file and the date of the last invoice.",
                   "Send a one-time code to the current billing email.",
                   "Record the verification in the ticket's internal note."]),
        ("warning", "If the requester cannot pass the checks, escalate to Trust & Safety; do not make the change."),
    ]),
    ("playbooks", "escalate-outage", "Escalate a suspected outage",
     "When several customers report the same failure: status page, incident channel and macro.",
     ["outage", "agents", "internal", "errors"], STAFF, None, [
        ("steps", ["Check the internal status board.", "If three or more tickets report the same symptom within 15 minutes, open an incident in #incidents.", "Apply the \"Known incident\" macro to the tickets."]),
    ]),
    ("troubleshooting", "known-issue-sync-e500", "Known issue: sync E500 with MarketHub",
     "Internal notes on the MarketHub sync failures and the workaround to offer.",
     ["sync", "errors", "internal"], STAFF, 5, [
        ("p", "MarketHub rejects variants with more than 50 options and answers with a generic 500."),
        ("tip", "Workaround: split the product into two listings. Engineering ticket ENG-4821."),
    ]),
]  # fmt: skip

# (article slug, [related article slugs]) chosen by editors
RELATED = [
    ("reset-your-password", ["two-step-verification", "change-your-email-address"]),
    ("refund-policy", ["refund-a-shop-order", "return-an-item"]),
    ("sync-errors", ["api-authentication"]),
]

# (category key or None for KB home, slug, title, intro, [(question, answer html)])
FAQS = [
    ("billing", "billing-faq", "Billing FAQ", "Quick answers about plans, invoices and payments.", [
        ("Which payment methods do you accept?", "<p>Visa, Mastercard, American Express, PayPal and, on yearly Business plans, bank transfer.</p>"),
        ("Can I get an invoice with my company name?", "<p>Yes. Add your company name and VAT number under <b>Billing → Details</b>.</p>"),
        ("Do you charge VAT?", "<p>We charge VAT in the EU unless you give a valid VAT number; US sales tax depends on your state.</p>"),
        ("What happens if I cancel?", "<p>Your plan stays active until the end of the period you paid for, then switches to Free.</p>"),
    ]),
    ("shipping", "shipping-faq", "Shipping FAQ", "Delivery, tracking and returns in short.", [
        ("Where do you ship?", "<p>To 48 countries in Europe, North America and Asia-Pacific.</p>"),
        ("How much does shipping cost?", "<p>Standard shipping is free over 50 EUR; otherwise it starts at 4.90 EUR.</p>"),
        ("Can I change my delivery address?", "<p>Yes, until the parcel leaves the warehouse. See <b>Change the delivery address of an order</b>.</p>"),
        ("배송 조회는 어떻게 하나요?", "<p><b>내 주문</b>에서 주문을 선택하고 <b>배송 조회</b>를 누르세요.</p>"),
    ]),
]  # fmt: skip

# Votes to make the health report meaningful: (slug, yes votes, no votes, [no comments])
FEEDBACK = [
    ("sync-errors", 2, 4, ["The E500 section does not say how long to wait.", "Still failing after *Sync now*."]),
    ("upload-fails", 1, 3, ["Our proxy is not the issue, uploads stop at 99% on every network."]),
    ("delivery-times", 3, 2, ["Express to Thailand took 6 days, not 2–4."]),
    ("reset-your-password", 12, 1, []),
    ("track-your-order", 9, 0, []),
]  # fmt: skip

# Daily distinct viewers over the last days, per slug (the rest stay "never viewed")
VIEWS = {
    "reset-your-password": 42, "track-your-order": 35, "sync-errors": 28, "plans-and-pricing": 21,
    "create-your-workspace": 18, "refund-policy": 15, "delivery-times": 11, "upload-fails": 9,
    "two-step-verification": 7, "api-authentication": 6, "refund-approval-limits": 4,
}  # fmt: skip
