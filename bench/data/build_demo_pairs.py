"""Write similar_demo.json: a hand-labelled help-center set of questions asked in other words.

Documents are KB articles and forum threads of a demo help center; each query is a new
question a member might type (title, sometimes a body) labelled with the documents that
answer it. Written for this project (AGPL-3.0-or-later like the rest of the repository).
Run: python bench/data/build_demo_pairs.py
"""

import json
from pathlib import Path

DOCS = [
    # id, type, title, body
    (
        "a1",
        "article",
        "Reset a forgotten password",
        "If you cannot remember your password, open the sign-in page and choose Forgot password. We email you a reset link that works for one hour. Pick a new password of at least 12 characters.",
    ),
    (
        "a2",
        "article",
        "Change the email address on your account",
        "Go to Settings, Account, Email. Enter the new address and confirm it from the message we send there. Until you confirm, sign in with the old address.",
    ),
    (
        "a3",
        "article",
        "Turn on two-factor authentication",
        "Two-factor authentication adds a one-time code from an authenticator app to your sign-in. Open Settings, Security, enable 2FA and scan the QR code. Save the recovery codes somewhere safe.",
    ),
    (
        "a4",
        "article",
        "Lost your phone? Use a recovery code",
        "If your authenticator device is lost or broken, sign in with one of the recovery codes you saved when you set up two-factor authentication. Each code works once. Then set up 2FA again on the new device.",
    ),
    (
        "a5",
        "article",
        "Cancel your subscription",
        "You can cancel at any time from Billing, Plan, Cancel subscription. Your plan stays active until the end of the paid period and is not renewed.",
    ),
    (
        "a6",
        "article",
        "Request a refund",
        "We refund annual plans within 30 days of purchase. Contact support from the Billing page with your invoice number; the money returns to the original card in 5 to 10 business days.",
    ),
    (
        "a7",
        "article",
        "Update your payment card",
        "To change the credit card we charge, open Billing, Payment method, and add the new card. Remove the old one once the new card is the default.",
    ),
    (
        "a8",
        "article",
        "Download invoices and receipts",
        "Every invoice is in Billing, History. Click Download PDF. Add your company name and VAT number under Billing details so they appear on future invoices.",
    ),
    (
        "a9",
        "article",
        "Sync is stuck or not updating",
        "If changes made on one device do not show up on another, check both devices are online and signed in to the same account, then pull to refresh. Sign out and back in to force a full resync.",
    ),
    (
        "a10",
        "article",
        "Export your data",
        "Settings, Privacy, Export creates a ZIP archive of all your notes, attachments and settings. We email a download link when it is ready; large accounts take up to an hour.",
    ),
    (
        "a11",
        "article",
        "Delete your account permanently",
        "Deleting your account removes all your data after a 14 day grace period. Open Settings, Privacy, Delete account. Cancel any subscription first so you are not charged again.",
    ),
    (
        "a12",
        "article",
        "Notifications: choose what we email you",
        "Open Settings, Notifications to switch off email digests, mentions or product news. Unsubscribe links in each email turn off that kind of message.",
    ),
    (
        "a13",
        "article",
        "Install the desktop app on Windows and macOS",
        "Download the installer for your system from the Downloads page. On macOS drag the app to Applications; on Windows run the .exe and follow the wizard.",
    ),
    (
        "a14",
        "article",
        "Share a notebook with your team",
        "Open the notebook, click Share and invite people by email. Choose whether they can view or edit. Owners can remove access at any time.",
    ),
    (
        "a15",
        "article",
        "Attachment size limits",
        "Each attachment can be up to 25 MB on the free plan and 200 MB on paid plans. Larger files fail to upload with an error.",
    ),
    (
        "a16",
        "article",
        "Connect the calendar integration",
        "Under Integrations, choose Google Calendar or Outlook and sign in to grant access. Events then appear beside your notes. Disconnect from the same screen.",
    ),
    (
        "a17",
        "article",
        "Dark mode and themes",
        "Switch between light, dark and system themes in Settings, Appearance. The choice is saved per device.",
    ),
    (
        "a18",
        "article",
        "Keyboard shortcuts",
        "Press ? anywhere to see every keyboard shortcut. Ctrl+K opens quick search, Ctrl+N creates a note and Ctrl+Shift+F searches all notebooks.",
    ),
    (
        "a19",
        "article",
        "Restore a deleted note from the trash",
        "Deleted notes stay in Trash for 30 days. Open Trash, select the note and click Restore. After 30 days they are purged for good.",
    ),
    (
        "a20",
        "article",
        "Change the language of the app",
        "Settings, Language lets you pick English, Korean or Thai. The app reloads in the new language.",
    ),
    (
        "t1",
        "thread",
        "Never receive the verification email",
        "I signed up yesterday and the confirmation email never arrived, I checked spam. Answer: add our sending address to your contacts and use Resend confirmation on the sign-in page; some company mail servers delay messages by an hour.",
    ),
    (
        "t2",
        "thread",
        "App crashes on startup after update",
        "Since the latest update the Android app closes immediately when I open it. Answer: clear the app cache in Android settings, or reinstall; version 5.2.1 fixes the crash.",
    ),
    (
        "t3",
        "thread",
        "Charged twice this month",
        "My bank statement shows two payments for the same plan. Answer: one of them is a pending authorisation that disappears in a few days; if both settle, support refunds the duplicate charge.",
    ),
    (
        "t4",
        "thread",
        "Locked out after too many login attempts",
        "I typed the wrong password several times and now it says my account is temporarily locked. Answer: wait 15 minutes and try again, or reset your password to unlock immediately.",
    ),
    (
        "t5",
        "thread",
        "Can I use the app offline?",
        "I travel a lot without internet. Answer: yes, notes you opened recently are cached; enable Offline notebooks in settings to keep whole notebooks available without a connection.",
    ),
    (
        "t6",
        "thread",
        "How to move notes between notebooks",
        "Is there a way to transfer a bunch of notes to another notebook? Answer: select them with Shift-click, then drag onto the notebook in the sidebar or use Move to.",
    ),
    (
        "t7",
        "thread",
        "Student discount?",
        "Do you offer cheaper plans for students or teachers? Answer: yes, education accounts get 50% off with a school email address.",
    ),
    (
        "t8",
        "thread",
        "Images not loading in notes",
        "Pictures in my notes show a grey box instead of the image. Answer: this happens behind proxies that block our media domain; allow it or switch networks.",
    ),
    (
        "t9",
        "thread",
        "Printing a note cuts off the text",
        "When I print, the right side of tables is cut. Answer: use Print preview and pick Fit to page width, or export to PDF first.",
    ),
    (
        "t10",
        "thread",
        "Web clipper extension for Firefox",
        "Is there a browser extension to save web pages? Answer: the web clipper is available for Chrome, Edge and Firefox from each add-on store.",
    ),
    (
        "t11",
        "thread",
        "Slow search with many notes",
        "Search takes several seconds with 20k notes. Answer: rebuilding the local index in Settings, Advanced fixes it; version 5.3 made indexing faster.",
    ),
    (
        "t12",
        "thread",
        "Transfer ownership of a shared notebook",
        "I am leaving the company; how do I give my notebooks to a colleague? Answer: the owner can choose Transfer ownership in the sharing dialog.",
    ),
    (
        "t13",
        "thread",
        "Data stored in which country?",
        "Where are your servers? Our legal team needs to know for GDPR. Answer: EU accounts are stored in Frankfurt; the data processing agreement is on the Legal page.",
    ),
    (
        "t14",
        "thread",
        "Font size too small on the phone",
        "The text is tiny on my iPhone. Answer: the app follows the system text size; change it in iOS Settings, Display, Text Size.",
    ),
    (
        "t15",
        "thread",
        "Tags disappeared after import",
        "I imported from another note app and my tags are gone. Answer: the importer keeps tags only from ENEX files; for Markdown folders tags become notebook names.",
    ),
    (
        "t16",
        "thread",
        "Recurring reminders",
        "Can a reminder repeat every week? Answer: yes, open the reminder and set Repeat to daily, weekly or monthly.",
    ),
    (
        "t17",
        "thread",
        "Error 403 when opening a shared link",
        "Colleagues get access denied when they open a link I shared. Answer: links are private by default; invite them or enable Anyone with the link.",
    ),
    (
        "t18",
        "thread",
        "Upgrade from monthly to yearly billing",
        "Can I switch to annual payment and keep my notes? Answer: yes, Billing, Plan, Switch to yearly; the unused month is credited.",
    ),
    (
        "t19",
        "thread",
        "Spell checker underlines everything in Korean",
        "The spell check marks all Korean words as wrong. Answer: set the spell-check language in Settings, Editor to Korean or switch it off.",
    ),
    (
        "t20",
        "thread",
        "Desktop app uses a lot of memory",
        "The Windows app takes 2 GB of RAM. Answer: disable Preload attachments in Advanced settings; large PDFs are kept in memory otherwise.",
    ),
]

QUERIES = [
    # title, body, relevant ids
    ("forgot my password", "", ["a1", "t4"]),
    (
        "I can't remember the password to my account",
        "how do I get back in? I tried everything",
        ["a1"],
    ),
    ("pw reset link", "", ["a1"]),
    (
        "password reset email expired",
        "I clicked the link from the email but it says expired, it's been two hours",
        ["a1"],
    ),
    ("how to change my login email", "", ["a2"]),
    (
        "new e-mail address",
        "I have a new work address and want to use it to sign in instead of my gmail",
        ["a2"],
    ),
    ("update email on profile", "", ["a2"]),
    ("enable 2fa", "", ["a3"]),
    ("set up authenticator app for extra security", "", ["a3"]),
    (
        "two step verification",
        "Is there a way to require a code from my phone when logging in?",
        ["a3"],
    ),
    (
        "new phone, cannot get 2fa codes",
        "I switched phones and the authenticator codes are gone, I can't get in",
        ["a4"],
    ),
    ("lost authenticator", "", ["a4"]),
    (
        "broken phone and two-factor",
        "My phone screen broke and I use it for the login code. Help!",
        ["a4"],
    ),
    ("how do I stop my plan", "I don't want to be billed anymore next month", ["a5"]),
    ("unsubscribe from premium", "", ["a5"]),
    ("end subscription", "", ["a5"]),
    ("cancel auto renewal", "Don't want the yearly plan to renew automatically", ["a5"]),
    (
        "money back",
        "I bought the annual plan last week by mistake, can I get my money back?",
        ["a6"],
    ),
    ("refund for yearly plan", "", ["a6"]),
    ("get reimbursed", "", ["a6"]),
    ("change credit card", "", ["a7"]),
    ("my card expired, how do I add a new one", "", ["a7"]),
    ("update billing card details", "new visa card number", ["a7"]),
    ("where can I find my invoice", "", ["a8"]),
    (
        "receipt for expenses",
        "I need a PDF receipt with our company VAT number for accounting",
        ["a8"],
    ),
    ("invoice PDF download", "", ["a8"]),
    ("notes not syncing between phone and laptop", "", ["a9"]),
    (
        "changes don't show up on my other device",
        "I edit on the iPad and the desktop still shows the old text",
        ["a9"],
    ),
    ("sync broken", "", ["a9"]),
    ("backup all my notes", "How can I get a copy of everything I wrote in a zip?", ["a10"]),
    ("export notes", "", ["a10"]),
    ("download my data gdpr", "", ["a10", "t13"]),
    ("close my account", "I want to remove my account and all data", ["a11"]),
    ("delete profile", "", ["a11"]),
    ("erase everything and leave", "", ["a11"]),
    ("stop getting emails", "too many newsletters and digests in my inbox", ["a12"]),
    ("turn off email notifications", "", ["a12"]),
    ("too many emails", "", ["a12"]),
    ("install on mac", "", ["a13"]),
    ("is there a windows desktop version", "", ["a13"]),
    ("download desktop client", "", ["a13"]),
    ("collaborate on a notebook with coworkers", "", ["a14"]),
    ("give my colleague edit access", "", ["a14", "t17"]),
    ("share notes with others", "", ["a14"]),
    ("file too big to upload", "I get an error when attaching a 60MB video", ["a15"]),
    ("max attachment size", "", ["a15"]),
    ("upload fails for large pdf", "", ["a15"]),
    ("google calendar sync", "", ["a16"]),
    ("connect outlook", "", ["a16"]),
    ("see my meetings next to notes", "", ["a16"]),
    ("night mode", "", ["a17"]),
    ("dark theme", "", ["a17"]),
    ("black background", "the white screen hurts my eyes at night", ["a17"]),
    ("hotkeys list", "", ["a18"]),
    ("keyboard shortcut to create a note", "", ["a18"]),
    ("undo delete note", "I accidentally deleted a note, can I get it back?", ["a19"]),
    ("recover deleted notes", "", ["a19"]),
    ("where does trash go", "", ["a19"]),
    ("switch app to Korean", "", ["a20"]),
    ("change interface language", "", ["a20"]),
    ("confirmation email not received", "", ["t1"]),
    (
        "didn't get the activation mail",
        "registered but nothing in my inbox to verify the account",
        ["t1"],
    ),
    ("verify email never came", "", ["t1"]),
    ("android app keeps closing", "", ["t2"]),
    ("app crash after latest version", "it shuts down right after the splash screen", ["t2"]),
    ("crashing on launch", "", ["t2"]),
    ("double charge", "", ["t3"]),
    ("billed two times", "I see two identical payments on my credit card this month", ["t3"]),
    ("account locked", "", ["t4"]),
    ("too many failed sign in attempts", "", ["t4"]),
    ("temporarily blocked after wrong password", "", ["t4"]),
    ("work without internet", "", ["t5"]),
    ("offline access on a plane", "", ["t5"]),
    ("move a note to another notebook", "", ["t6"]),
    ("transfer notes between notebooks", "", ["t6"]),
    ("education pricing", "", ["t7"]),
    ("discount for teachers", "", ["t7"]),
    ("pictures show grey boxes", "", ["t8"]),
    ("images won't load", "", ["t8"]),
    ("printout is cut off", "", ["t9"]),
    ("print note table truncated", "", ["t9"]),
    ("browser extension to clip web pages", "", ["t10"]),
    ("save articles from chrome", "", ["t10"]),
    ("search is very slow", "", ["t11"]),
    ("searching takes forever with lots of notes", "", ["t11"]),
    ("hand over notebooks when leaving company", "", ["t12"]),
    ("change notebook owner", "", ["t12"]),
    ("where are servers located", "", ["t13"]),
    ("GDPR data location EU", "", ["t13"]),
    ("text too small on iphone", "", ["t14"]),
    ("bigger font on mobile", "", ["t14"]),
    ("lost tags when importing", "", ["t15"]),
    ("import from evernote missing labels", "", ["t15"]),
    ("repeat reminder every week", "", ["t16"]),
    ("weekly reminders", "", ["t16"]),
    ("shared link says access denied", "", ["t17"]),
    ("forbidden error on link", "", ["t17"]),
    ("switch to annual plan", "", ["t18"]),
    ("pay yearly instead of monthly", "", ["t18"]),
    ("spellcheck korean", "", ["t19"]),
    ("red underline on every word in Korean", "", ["t19"]),
    ("high RAM usage", "", ["t20"]),
    ("desktop app memory leak", "", ["t20"]),
    ("비밀번호를 잊어버렸어요", "", ["a1"]),
    ("ลืมรหัสผ่าน", "", ["a1"]),
]

# Korean and Thai versions of a few documents so the non-English queries have a target.
DOCS += [
    (
        "a1-ko",
        "article",
        "비밀번호 재설정",
        "비밀번호를 잊어버렸다면 로그인 페이지에서 비밀번호 찾기를 누르세요. 재설정 링크를 이메일로 보내드립니다.",
    ),
    (
        "a1-th",
        "article",
        "ตั้งรหัสผ่านใหม่เมื่อลืมรหัสผ่าน",
        "หากคุณลืมรหัสผ่าน ให้เปิดหน้าเข้าสู่ระบบแล้วเลือกลืมรหัสผ่าน เราจะส่งลิงก์ตั้งรหัสผ่านใหม่ทางอีเมล",
    ),
]
QUERIES[-2] = ("비밀번호를 잊어버렸어요", "", ["a1-ko"])
QUERIES[-1] = ("ลืมรหัสผ่าน", "", ["a1-th"])


def main() -> None:
    data = {
        "name": "demo help center paraphrases",
        "licence": "AGPL-3.0-or-later (written for this repository)",
        "documents": [{"id": i, "type": t, "title": ti, "body": b} for i, t, ti, b in DOCS],
        "queries": [{"title": t, "body": b, "relevant": r} for t, b, r in QUERIES],
    }
    out = Path(__file__).with_name("similar_demo.json")
    out.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{len(DOCS)} documents, {len(QUERIES)} queries -> {out}")


if __name__ == "__main__":
    main()
