<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name></name>
    <message>
        <source>craving {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cost {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>discuss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your data could not be opened: {0}. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your newest sound backup is {0} ({1}). Restore it? The damaged file is kept among the backups.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restore this backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the shared file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HarmTrack shared files (*{suffix})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a shared file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HarmTrack shared files (*{suffix});;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passphrase your client gave you for {name}:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared by your client — read-only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>They left out: {what}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review · shared file (read-only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening the shared file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file could not be opened.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AppShell</name>
    <message>
        <source>Turn on encryption (Data &amp; privacy) to use the lock.</source>
        <extracomment>The app-wide activity filter is installed only while the lock can be used (encryption on). Start-up speed: every event of every widget would otherwise pass through Python while the first window is built (≈25 ms).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Locking when the current task is done…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BalanceDialog</name>
    <message>
        <source>Balance and ideal use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which tracked thing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What I&apos;d like my use to look like</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. only at weekends, with friends, two at most; never before driving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decisional balance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Both sides are real. Writing them down, now and then, shows how they change over time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What it gives me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. it helps me relax after work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What it costs me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. poor sleep, money</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date of this balance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add this balance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add this balance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Earlier balances, newest first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected balance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Safer-use notes on combinations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counts as {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close (what you wrote is kept)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What you wrote earlier could not be saved yet, so it is shown here: close or add it to keep it.</source>
        <extracomment>True once the user was told that a write failed (a Close after that closes).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: {reason}. What you wrote is kept: try again, or close and it comes back next time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HarmTrack shows a calm note when this and another depressant are logged a few hours apart. This one&apos;s class comes from the built-in list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick what this counts as, and HarmTrack will show a calm note when it and another depressant are logged a few hours apart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{date} — gives: {gives}  ·  costs: {costs}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No balance written yet for this one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a balance to remove.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not everything you wrote is saved yet: it is shown again when you open Balance and ideal use (until HarmTrack quits).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChartCanvas</name>
    <message>
        <source>Chart</source>
        <extracomment>Figure dots per inch at a device pixel ratio of 1 (matplotlib&apos;s Qt canvas uses the same). How long a resize must pause before the chart is drawn again at the new size. Plain text for the day or week under the pointer (&quot;&quot; when none). A day was clicked on a chart of days (daily, calendar). A newly drawn picture is shown (``drawn_data`` and ``figure`` changed). The chart asked for last (what the picture shows once its draw is done).</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChartsView</name>
    <message>
        <source>What to chart</source>
        <extracomment>(key, label) of the range presets, in menu order (defined once, in the core).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Guideline line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw a published lower-risk guideline for context</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review with my therapist…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start review mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full-screen charts since your last session (F11)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Guideline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value under the pointer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chart summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All together (triggers, time of day, money)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Point at a day or week to see its exact value; click a day to open it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CombinationNote</name>
    <message>
        <source>A note on combining</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss the note on combining</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>within about an hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>about {n} hours apart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{first} and {second} were logged {when}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DataView</name>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data and privacy settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data &amp; privacy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything you log is kept in one file on this computer: {path}. HarmTrack never sends it anywhere; sync (below) only writes encrypted files to a folder you choose.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encryption and lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn on encryption…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change passphrase…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn off encryption…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock now (Ctrl+L)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock after idle minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock after this long without use:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discreet mode: a neutral window title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discreet mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A copy is taken automatically on the first start of each day, and before every import, restore and encryption change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore from a backup…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Daily backups to keep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep daily backups:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export and import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV has one row per entry for spreadsheets. JSON holds everything and can be imported into another HarmTrack. Imports accept HarmTrack JSON or CSV, PsychonautWiki Journal exports and Loop Habit Tracker&apos;s Checkmarks.csv; you see a preview first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export JSON…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported files are not encrypted: whoever can open them can read them. Keep them somewhere safe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync between computers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep your data the same on several computers through a folder you already sync; what HarmTrack writes there is encrypted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync between computers…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your data is encrypted with your passphrase (SQLCipher, AES-256). The app locks itself after the time below, and on Ctrl+L.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your data is not encrypted. Anyone who can read your files can read it. Turn on encryption to protect it with a passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lock needs encryption to be on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No backups yet. One is taken automatically on the first start of each day; “Back up now” takes one any time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>daily</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>made by you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>before an import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>before a restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>before an encryption change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>before a sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>before an update</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done, but these backups could not be converted: {names}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encryption is off. Your data and backups are stored unencrypted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your data and its backups are now encrypted ({n} rows checked).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn on encryption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn off encryption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup written: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore from a backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HarmTrack backups (*.sqlite3);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> from {a} to {b}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore this backup?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} holds {n}{span}. Your current data will be replaced by it and kept as a backup first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restored {file} ({n}). Your previous data is kept as {prev}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That did not work ({kind}); nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported to {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exports (*.json *.csv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported {n} from {file} ({skipped} already there, {refused} refused).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import cancelled; nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading {file}…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DismissibleNote</name>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DrinkCalculator</name>
    <message>
        <source>Drink calculator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Common drinks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a common drink…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Drink</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volume in millilitres</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Volume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alcohol by volume, percent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Strength (ABV)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How &amp;many</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Using {label}: {grams} g of alcohol each.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{grams} g of alcohol = &lt;b&gt;{amount}&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EntriesModel</name>
    <message>
        <source>The entries could not be read: {why}</source>
        <extracomment>The entries of the range were counted (``total`` holds the number). The first rows of a load are in (at once, or later for a sort read in the background).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>time must be HH:MM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Craving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mood</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Triggers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Safer use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Urge only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discuss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EntryDelegate</name>
    <message>
        <source>Day of the entry</source>
        <extracomment>(header, field, editable). The note comes early and narrow (cut with &quot;…&quot;, the whole text in its tooltip): last, it was the column pushed out of sight. The widest the note column starts (the user can drag it wider). The entry a row shows (for the editors of Day and What). Rows read per page as the table scrolls (a few screens&apos; worth). Columns fit the text of this many rows (a sample: asking each cell of every row read its size took ~0.4 s a reload). Orders SQLite reads from the day index: a page of them takes milliseconds at any size, so it is read on the UI thread. Any other order sorts the whole range first (seconds at a million entries), so its pages are read in the background. At most this many rows are read again after a change (deep down, the user scrolls on).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the entry is about</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EntryForm</name>
    <message>
        <source>What</source>
        <extracomment>Milliseconds after the form is built before the tag completers are filled. How often a field that follows the clock is brought up to date (it shows minutes).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The substance or behaviour this entry is about</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How much, in the unit shown beside it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drin&amp;k calculator…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drink calculator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work out standard drinks from volume and strength</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When it happened on the day shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The time follows the clock until you change it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the current time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log it at the moment you save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Craving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How strong the craving was, 0 to 10</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mood</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Craving (0–10)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Mood</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;ost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sett&amp;ing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. stress, party — separate with commas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Triggers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What was going on; separate several with commas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;riggers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. alternated with water, didn&apos;t use alone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Safer-use practices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Safer-use practices you did; separate with commas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Safer use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where, or with whom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anything you want to remember (stays on this computer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Urge only (noticed, didn&apos;t use)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Urge only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Discuss in session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discuss in session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Log entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 · very low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>2 · low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>3 · okay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>4 · good</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>5 · very good</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Welcome to HarmTrack</source>
        <extracomment>Replaced in tests: how a second instance is started on the example folder.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;HarmTrack helps you keep an honest, private record of what you use or do, set small steps that make things safer for you, and bring a clear picture to your therapist if you have one.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Everything stays on this computer.&lt;/b&gt; Nothing is sent anywhere: no account, no cloud, no tracking.&lt;/p&gt;&lt;p&gt;This takes about a minute. You can skip any step and come back later from the Help menu.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xplore with example data first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Explore with example data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opens a second HarmTrack window with made-up entries in a separate folder; your own data is not touched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What would you like to track?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick the standard-drink definition for your country, when your week starts, and when your day ends — if you&apos;re often up after midnight, a 4:00 start keeps late evenings with the day they belong to. A daily reminder is optional.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protect with a passphrase (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If others use this computer, you can lock your data with a passphrase. It is never stored, and it cannot be recovered if you forget it. Leave both fields empty to skip; you can add one later in Data &amp; privacy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You can protect your data with a passphrase at any time in Data &amp; privacy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;That&apos;s all&lt;/h3&gt;&lt;p&gt;Press &lt;b&gt;Start&lt;/b&gt; and the logging screen opens. Log in a few keystrokes (Ctrl+N for a new entry, Ctrl+Enter to save), or mark a day with nothing to log. F1 lists every keyboard shortcut.&lt;/p&gt;&lt;p&gt;Go at your own pace — any record, however small, is useful.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;kip for now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip the welcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start using HarmTrack</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step {i} of {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Couldn&apos;t prepare the example: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A second HarmTrack window opened with made-up data from a separate folder. Look around, then close it and come back here; nothing there is saved with your data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Couldn&apos;t open a second window. You can open the example yourself with:
harmtrack --data-dir {folder}
It is a temporary folder: your system clears it, and you can delete it any time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passphrases are different.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GoalEditor</name>
    <message>
        <source>What the goal is for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind of goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Safer-use practice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Practice:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In force from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Target:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Use suggestion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the suggested target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Safety note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the last 8 weeks would have gone with this goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview of the last 8 weeks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Week of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actual</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Small, reachable steps work best; you can change a goal at any time and earlier weeks keep the goal they had.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change goal — {what}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Targets so far: {steps}.
{summary}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Judging…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>% of occasions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> a day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> a week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose what to track first (File ▸ What I track…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working out your recent level…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not work this out: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name the practice to see a preview.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working out…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>≤ {t} a day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not logged</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>{m} of %n days ✓</source>
        <translation>
            <numerusform>{m} of %n day ✓</numerusform>
            <numerusform>{m} of %n days ✓</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n days over</source>
        <translation>
            <numerusform>%n day over</numerusform>
            <numerusform>%n days over</numerusform>
        </translation>
    </message>
    <message>
        <source>goal met</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Goal details</source>
        <extracomment>A goal was saved (its id): the goals screen selects it in its list. Judged weeks, shared with the goal list (GoalsView hands it its own).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F&amp;or:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In force fro&amp;m:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not this week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>over the limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No finished weeks to score yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Goal changed from {d}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>choose what the goal is for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Goal saved</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GoalsView</name>
    <message>
        <source>Your goals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No goals yet. Choose something you track on the right and pick a first, modest step.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;archived goals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show archived goals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;rchive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archive the selected goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archived goals keep their history; you can bring them back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Goal editor and taper planner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ta&amp;per plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>archived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Judging…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Goal archived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Goal restored</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HeavyDayFields</name>
    <message>
        <source>Heavy-use days (for the report)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A day with this much or more counts as a heavy-use day in your report. Leave it empty for none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heavy-use day for {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{amount} (your guideline)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the heavy-use day for {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the heavy-use day for {name} must be above 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Can&apos;t use that</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <source>From date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show trackable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fro&amp;m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>De&amp;lete selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete selected entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click or press F2 to correct a value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The start date is after the end date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counting the entries from {a} to {b}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n entries from {a} to {b}. Double-click a cell to correct it; Ctrl+Z undoes.</source>
        <translation>
            <numerusform>%n entry from {a} to {b}. Double-click a cell to correct it; Ctrl+Z undoes.</numerusform>
            <numerusform>%n entries from {a} to {b}. Double-click a cell to correct it; Ctrl+Z undoes.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not deleted: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>delete %n entries</source>
        <translation>
            <numerusform>delete %n entry</numerusform>
            <numerusform>delete %n entries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n entries. Ctrl+Z undoes.</source>
        <translation>
            <numerusform>Deleted %n entry. Ctrl+Z undoes.</numerusform>
            <numerusform>Deleted %n entries. Ctrl+Z undoes.</numerusform>
        </translation>
    </message>
    <message>
        <source>The others were kept: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No entries in this range. Widen the dates or choose “Everything”.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportPreviewDialog</name>
    <message>
        <source>Import preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing has been written yet. This is what the import would do:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>HarmTrack — locked</source>
        <extracomment>A window title that says nothing about what the app is for.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your passphrase to open your data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Support now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Support now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Crisis and harm-reduction lines (Ctrl+Shift+S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type your passphrase first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LogView</name>
    <message>
        <source>Previous day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous day (Alt+Left)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next day (Alt+Right)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to today (Alt+Home)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quick log:</source>
        <extracomment>Goal progress at a glance goes here (see widgets/progress_panel.py).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log an entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entries of the day shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to log toda&amp;y</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading this day&apos;s entries…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to log this da&amp;y</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose what to track first (File ▸ What I track…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to log yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You&apos;re not tracking anything yet, so there is nothing to log an entry for. Choose what you&apos;d like to track now?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose what to track…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit selected entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete selected entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete (undo with Ctrl+Z)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to log this day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records that this day had nothing to log, which is different from a day not logged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today · {d}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yesterday · {d}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>urge only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You&apos;re not tracking anything yet. Choose what to track with File ▸ What I track…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to log this day — recorded. ✓</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing logged for this day yet.
Log an entry, or mark it “nothing to log” so it counts as a logged day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checked in: nothing to log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log {amount} of {name} now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quick log {amount} of {name}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Today</source>
        <extracomment>Strings translated at run time from data (screen titles, table headers, moods); listed here only so that pyside6-lupdate extracts them into the .ts file.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Goals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Therapists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data &amp; privacy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plans</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Screens</source>
        <extracomment>(key, title, &quot;module:Class&quot;, shortcut). Screens whose module is not there are skipped. QSettings key of the screen shown last, opened again on the next start. Ctrl+L: the app shell closes this window and shows the lock screen. The daily reminder and its tray icon, once the app&apos;s features are added.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a screen; Ctrl+1 to Ctrl+{n} jump directly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;What I track…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About HarmTrack</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Support now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Crisis and harm-reduction lines, and your own numbers (Ctrl+Shift+S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Report for my therapist…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Take a questionnaire…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My &amp;safety plan…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Balance and ideal use…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open a shared file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a file a client shared with you, read-only, in review mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About HarmTrack</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;HarmTrack {v}&lt;/b&gt;&lt;p&gt;Private harm-reduction self-tracking. Everything you log stays in one file on this computer: {path}&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Welcome…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HarmTrack — example data (not yours)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Overview</name>
    <message>
        <source>Overview of everything you track</source>
        <extracomment>The narrowest a small chart may get (ChartCanvas&apos;s own minimum, plus the grid&apos;s spacing). A small chart was clicked or opened with Enter: that trackable&apos;s id.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overview message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is tracked yet. Add what you track on Today, and its chart appears here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: open its charts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>Current passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New passphrase again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type it again:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Without the passphrase your data cannot be opened by anyone, you included. Keep it somewhere safe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlanNote</name>
    <message>
        <source>Your plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>See plans</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the plans screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss the plan note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If &lt;b&gt;{trigger}&lt;/b&gt;, then {plan}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You made a plan for this:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You made plans for this:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Things that have helped you: {list}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If {trigger}, then {plan}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlansView</name>
    <message>
        <source>Plans</source>
        <extracomment>How far back &quot;came up&quot; looks on this screen.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decide ahead what you&apos;ll do when a situation comes up. Plans work best when they are specific: “If I&apos;m at a party, then I&apos;ll alternate every drink with water.” When you log an entry with that trigger, your plan is shown to you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If-then plans</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If (trigger)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The situation the plan is for: pick one of your triggers or type a new one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. party</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. alternate every drink with water</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Then (what I will do)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What you will do when the trigger comes up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;If</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;then I will</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel editing the plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your plans</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each plan with how often its trigger came up in the last {n} days; double-click or press Enter to change one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Then</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Came up (last {n} days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No plans yet. Think of a situation that often comes before using — a trigger you log — and write what you&apos;ll do next time it happens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change selected plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put a&amp;way</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put selected plan away</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archived plans are kept and can be brought back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show put-away plans</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alternatives that help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Things you can do instead, or first. Keep the ones that work for you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. a cup of tea, call a friend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New alternative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;dd</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add alternative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your alternatives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing here yet. What has helped you before, even a little?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove from list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove selected alternative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is archived, not deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My &amp;safety plan…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open my safety plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Balance and ideal use…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open balance and ideal use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>put away</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not in this time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>once</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n times</source>
        <translation>
            <numerusform>%n time</numerusform>
            <numerusform>%n times</numerusform>
        </translation>
    </message>
    <message>
        <source>{times} on {days}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n days</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Bring back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan brought back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan put away. Tick “Show put-away plans” to see it again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProgressPanel</name>
    <message>
        <source>Progress on your goals</source>
        <extracomment>How long new figures may take before the panel says it is working them out.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;goals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the Goals screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Goals screen (Ctrl+3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working out your progress…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not work out your progress: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No goals yet. Small steps count: set one on the Goals screen.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QuestionnaireDialog</name>
    <message>
        <source>Take a questionnaire</source>
        <extracomment>The reminder choices offered: (label, every N weeks, &quot;sessions&quot; or &quot;off&quot;).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Questionnaire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day the answers are for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remind me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Questionnaire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remind me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Questions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where this questionnaire comes from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every {n} weeks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: {total} of {high}{band}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved. {summary}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thank you for answering honestly. You said you have had thoughts of being better off dead or of hurting yourself. You don&apos;t have to carry that alone: the people in Support now are there to listen, any time. If you might act on these thoughts, please call your local emergency number now. Nothing you answered was sent anywhere.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QuestionnaireDue</name>
    <message>
        <source>Questionnaire reminder</source>
        <extracomment>The key of the questionnaire to take now.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take it now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take the questionnaire that is due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide the questionnaire reminder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> and </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{names}: due for your check-in. It takes a few minutes, whenever suits you.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Reminder</name>
    <message>
        <source>Daily check-in</source>
        <extracomment>Milliseconds after the reminder is made (with the main window) before its tray icon is: the icon is not part of the window, so the window is painted first. Emitted with the local day when a reminder is shown. The user chose &quot;Log now&quot;: the window should come up on the logging screen.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open HarmTrack</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit HarmTrack</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing logged today yet. Log what happened, or mark “nothing today” from the tray menu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today is already logged; nothing changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded: nothing to log today. Thank you for checking in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still running in the tray for your reminder. Quit from the tray menu or with File ▸ Quit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still here for your reminder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HarmTrack keeps running in the tray so it can remind you. Quit it from the tray menu or with File ▸ Quit.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Report for your therapist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days to cover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Since the last session ({day})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Since the last session (none recorded yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Since the last session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last 4 weeks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These dates:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chosen dates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to include</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Untick anything you would rather keep to yourself. The report says that something was left out at your request, without naming it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tracked things to include</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave out my notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave out triggers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave out money spent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave out questionnaire scores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a table of every entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add my decisional balance and ideal-use plans</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress of the export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the PDF report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share as encrypted file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share these days as an encrypted, read-only file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick at least one thing to include.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Making your shared file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {name} ({n}). Tell your therapist the passphrase separately — not with the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Making your report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {name} ({pages} pages).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export cancelled. No file was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The shared file could not be saved: {e}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report could not be saved: {e}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong while making the report.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReviewMode</name>
    <message>
        <source>Review</source>
        <extracomment>A client&apos;s share (``ui.share_review``): its range and the words said above it; read-only, so the session form is not shown. &quot;overview&quot; (every trackable) or &quot;detail&quot; (one trackable&apos;s chart ``kinds[index]``).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chart shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overview (Home)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the overview of everything</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave review (Esc or F11)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave review mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How to read the small charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chart summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the client wants to talk about</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My agenda for this session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last session&apos;s notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To discuss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entries flagged to discuss in session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared file, read-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Depressants logged close together</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Safer-use notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What it gives, what it costs, ideal use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balance and ideal use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record this session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Therapist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also save as My therapist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What you talked about, what to try next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save this session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing written for this session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing written for this session. (Write it beforehand on Therapists, Ctrl+5: “Next session”.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No session recorded yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> with {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agenda: {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes: {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No notes were written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each chart: bars are the total per week, the line is the weekly goal, ✓ marks a week the goal was met. Click a chart (or press Enter) for its details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each chart: bars are the amount per day, green marks along the bottom are use-free days, grey bands are days not logged, the line is the 7-day average. Click a chart (or press Enter) for its details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>urge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing flagged to discuss in this range.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>came up {n}× on %n days</source>
        <translation>
            <numerusform>came up {n}× on %n day</numerusform>
            <numerusform>came up {n}× on %n days</numerusform>
        </translation>
    </message>
    <message>
        <source>If {trigger}, then {plan}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No if-then plans in this file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No if-then plans yet (Plans screen, Ctrl+7).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · not on track on {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gives: {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Costs: {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ideal use: {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{day}: {a} and {b}, {hours} h apart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>and {n} more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(Source: {source}.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What lowers the risk (source: {source}):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overview · everything shared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} of {total} · {title}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If-then plans whose trigger came up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plans whose trigger came up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Questionnaire scores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Didn&apos;t come up in this range: {triggers}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overview · everything you track</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as My therapist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My therapist appears on your reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make this My therapist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replaces {old} as My therapist (on your reports)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved. This is now your last session ({d}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved the session of {d}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Showing {a} to {b}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last session: {d} — the next review covers the time since.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SafetyPlanDialog</name>
    <message>
        <source>My safety plan</source>
        <extracomment>The name of this dialog&apos;s draft (see ``drafts``).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your plan, in your own words. Go through it from the top when things get hard: each step is there for when the one before is not enough.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;A safety plan is a short list, in your own words, of what helps when things get hard.&lt;/b&gt; Write as much or as little as you like, in any order, and change it whenever you want. Many people write it with their therapist. It stays on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sections of my safety plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The six steps follow the Safety Planning Intervention: {source} &lt;a href=&apos;{url}&apos;&gt;{url}&lt;/a&gt;. The wording here is HarmTrack&apos;s own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save my safety plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close (what you wrote is kept)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What you wrote earlier could not be saved yet, so it is shown here: Save to keep it.</source>
        <extracomment>True once the user was told that a write failed (a Close after that closes).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A section can hold up to {n} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: {reason}. What you wrote is kept: Save to try again, or close and it comes back next time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your safety plan is saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your safety plan is not saved yet: what you wrote is shown again when you open it (until HarmTrack quits).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changing the day start or time zone re-files your entries to the right days; nothing is lost.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsForm</name>
    <message>
        <source>{label} — {grams} g of alcohol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Country for standard drinks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decides how many grams of alcohol one standard drink is in the drink calculator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow this computer ({code} — {name})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Currency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How costs and money goals are shown, in the charts and the report too</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First day of the week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day starts at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hour a new day begins; with 4:00 a drink at 1:30 counts for the evening before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow this computer ({zone})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remind me each day at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Daily check-in reminder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A quiet notification if the day is not logged yet; nothing leaves this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reminder time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional — leave empty to keep reports anonymous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name on reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show both (the default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the cut-offs for men</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the cut-offs for women</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Screening cut-offs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some screening cut-offs differ for men and women, because the studies behind them measured risk separately: AUDIT-C&apos;s positive screen (4 or more for men, 3 or more for women) and NIAAA&apos;s heavy drinking day (5 or more US drinks for men, 4 or more for women). Choose the ones that fit you, or keep both side by side. Questionnaires already taken keep the result they were given. This stays on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Standard drinks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;urrency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Week starts on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Day starts at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time &amp;zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;heme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reminder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name on reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scr&amp;eening cut-offs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Questionnaires and the report&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SharePassphraseDialog</name>
    <message>
        <source>Passphrase for the shared file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your therapist needs this passphrase to open the file. Tell it to them separately — in person or by phone, not with the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type it again:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SupportDialog</name>
    <message>
        <source>Support now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;If you are in danger or need help now, you can reach someone any time.&lt;/b&gt; In an emergency call your local emergency number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Support lines and your own numbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your own numbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add local services, a friend or anyone you trust: they are stored only on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your own support numbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name of the new contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Local crisis team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone number of the new contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note about the new contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional, e.g. open 9–5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add this number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your own numbers are kept with your data: unlock to see or add them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My safety plan (unlock to see it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write my safety plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open my safety plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a number to remove.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncDialog</name>
    <message>
        <source>Sync between computers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep HarmTrack the same on your computers through a folder you already sync (Syncthing, Nextcloud, a USB stick…). Everything HarmTrack writes there is encrypted with the sync passphrase; HarmTrack itself never goes online.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync &amp;now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop syncing with this folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop syncing with this folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A folder your sync tool keeps the same everywhere</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync passphrase again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type it again:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name of this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name of this computer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the same folder and passphrase on every computer. Without the passphrase nobody can read the folder, you included. Nothing changes before you have seen what the first sync would do.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set up and preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer and the others</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last sync:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes not synced yet:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed on both computers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These were changed on two computers before they synced. The later change was kept everywhere; the other value is shown so that you can put it back by hand if it was the right one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing has been changed yet. This is what the first sync on this computer would do:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the sync state: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not yet on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None; everything is synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No changes yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the sync folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the folder to sync through first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no folder {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the sync passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setting up the sync folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking at what the first sync would do…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync cancelled; nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop syncing with this folder?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer stops syncing. Your data here and the folder stay as they are; you can set up sync again at any time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer no longer syncs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync stopped; nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New: {added}    Changed: {changed}    Removed: {removed}    Changed on both computers: {conflicts}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Synced. New: {added}, changed: {changed}, removed: {removed}, changed on both computers: {conflicts}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files that could not be read (tried again next time): {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncRunner</name>
    <message>
        <source>Sync: changed on both computers: {conflicts}; files not readable yet: {files} (Data &amp; privacy ▸ Sync between computers)</source>
        <extracomment>How often the runner syncs while the window is open and a folder is set. The pass on start waits this long, so the first window is painted and usable first. The runner&apos;s object name: the app shell finds it by name (it does not import this module) to wait for a running pass before it locks and closes the database. A pass started (True: a preview). How far the running pass is, 0 to 1. A pass ended: (SyncSummary or None when nothing ran, dry_run). A pass failed: one line saying why. Why the last pass did not work, shown when the dialog opens (cleared by a pass that works).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync did not work: {why}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TaperPlanner</name>
    <message>
        <source>A taper steps down week by week from where you are now to where you want to be. Review each week&apos;s ceiling and change any of them before saving.</source>
        <extracomment>The taper was saved as a goal (its id): the goals screen selects it in its list.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to taper</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ceiling per day or per week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ceiling in the last week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number of weeks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step style</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Equal steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same percentage each week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First week starts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Taper:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Ceiling:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Starting level:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reach:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Over weeks:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>St&amp;eps:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First &amp;week:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Safety note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Plan the steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan the steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Week-by-week ceilings (editable)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What this plan replaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save &amp;plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the taper plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose what to track first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working out where you are now…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not enough history for a baseline yet: enter where you are now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not work out a baseline: enter where you are now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>choose what to taper</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most this many {unit}; double-click to change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>plan the steps first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Taper plan saved</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TherapistsView</name>
    <message>
        <source>&lt;h2&gt;Therapists&lt;/h2&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report for my therapist…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make a PDF report for your therapist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Support now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Support now: crisis and harm-reduction lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search names, places, focus…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search therapists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by profession</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any profession</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by focus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any focus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Therapists found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From {name}, taken {day}. Summaries are HarmTrack&apos;s own short paraphrase; check the listing for their own words.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find more harm-reduction therapists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the harm-reduction therapist directory in your browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Therapist details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open listing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open this therapist&apos;s listing in your browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set as my therapist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy this therapist into My therapist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My therapist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Practice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your therapist&apos;s {what}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next session on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A next session is planned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date of the next session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date of a session you had</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record a session on this day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record a therapy session on the chosen day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I had a session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save my therapist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove my therapist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Therapist details and my therapist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>location not listed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} of {total} therapists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No therapist matches these filters. Try fewer filters, or use “Find more harm-reduction therapists”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the details, then Save.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none recorded yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{day}, with {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next session: what I want to talk about</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What I want to talk about at my next session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write it whenever it comes to mind; review mode shows it in the session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save agenda</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save what I want to talk about</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved for your next session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agenda removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved. Your therapist appears on your reports.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrackableChooser</name>
    <message>
        <source>Pick what you want to keep track of. You can change this any time, and nothing here is a judgement — track whatever is useful to you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Built in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit for {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name, e.g. Caffeine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name of your own trackable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit, e.g. cups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit of your own trackable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>behaviour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>substance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add your own trackable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Can&apos;t add that</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrackablesDialog</name>
    <message>
        <source>What I track</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Balance and ideal use…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open balance and ideal use</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cls</name>
    <message>
        <source>Next / previous chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review with my therapist (Charts screen)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review: back to the overview of everything (it opens there)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review: step from the overview through the charts and back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review: open the small chart that has the focus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review: leave</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected entries (History)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous / next day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log the entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected entry (Today)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the plan / add the alternative being typed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ctx</name>
    <message>
        <source>log {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delete entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delete entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>edit entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing to log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done: {what}. Ctrl+Z undoes it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>daily</name>
    <message>
        <source>Theme changed.</source>
        <extracomment>The data folder as the boot opened it before Qt: its database, or why it did not open.</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <source>Questionnaires</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>self.ctx</name>
    <message>
        <source>Redone: {what}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not redo {what}: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undone: {what}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not undo {what}: {why}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
