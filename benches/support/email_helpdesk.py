"""django-helpdesk's `get_email` on the email bench's mailbox, for the side-by-side figure.

Run by benches/support/email.rs with the venv's python, in a folder of its own:

    python email_helpdesk.py setup   # a fresh sqlite database, migrated, with one IMAP queue
    python email_helpdesk.py run     # writes started_at, then runs the get_email command once
    python email_helpdesk.py count   # prints {"tickets": n, "followups": n, "attachments": n}

The queue reads HD_IMAP_HOST / HD_IMAP_PORT / HD_IMAP_USER / HD_IMAP_PASSWORD /
HD_IMAP_FOLDER over plain IMAP on 127.0.0.1 (the mail rig). Outgoing mail is discarded.
"""

import json
import os
import sys
import time

HERE = os.path.abspath(os.environ.get("HD_DIR", os.getcwd()))


URLS = """from django.urls import include, path

urlpatterns = [path("helpdesk/", include("helpdesk.urls", namespace="helpdesk"))]
"""


def configure():
    import django
    from django.conf import settings

    # Ticket links in helpdesk's mail templates need its URL namespace.
    with open(os.path.join(HERE, "hd_bench_urls.py"), "w") as f:
        f.write(URLS)
    sys.path.insert(0, HERE)

    settings.configure(
        SECRET_KEY="refdesk-bench-only",
        DEBUG=False,
        ALLOWED_HOSTS=["127.0.0.1"],
        INSTALLED_APPS=[
            "django.contrib.admin",
            "django.contrib.auth",
            "django.contrib.contenttypes",
            "django.contrib.sessions",
            "django.contrib.messages",
            "django.contrib.staticfiles",
            "django.contrib.sites",
            "django.contrib.humanize",
            "rest_framework",
            "helpdesk",
        ],
        SITE_ID=1,
        DATABASES={
            "default": {
                "ENGINE": "django.db.backends.sqlite3",
                "NAME": os.path.join(HERE, "helpdesk.sqlite3"),
            }
        },
        MEDIA_ROOT=os.path.join(HERE, "media"),
        ROOT_URLCONF="hd_bench_urls",
        USE_TZ=True,
        DEFAULT_AUTO_FIELD="django.db.models.AutoField",
        HELPDESK_TEAMS_MODE_ENABLED=False,
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        TEMPLATES=[
            {
                "BACKEND": "django.template.backends.django.DjangoTemplates",
                "APP_DIRS": True,
                "OPTIONS": {
                    "context_processors": [
                        "django.contrib.auth.context_processors.auth",
                        "django.contrib.messages.context_processors.messages",
                        "django.template.context_processors.request",
                    ]
                },
            }
        ],
        MIDDLEWARE=[],
        STATIC_URL="/static/",
        LOGGING_CONFIG=None,
    )
    django.setup()


def setup():
    db = os.path.join(HERE, "helpdesk.sqlite3")
    if os.path.exists(db):
        os.remove(db)
    configure()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from helpdesk.models import Queue

    env = os.environ
    Queue.objects.create(
        title="Reference",
        slug="reference",
        email_address=env["HD_IMAP_USER"],
        allow_email_submission=True,
        email_box_type="imap",
        email_box_host=env["HD_IMAP_HOST"],
        email_box_port=int(env["HD_IMAP_PORT"]),
        email_box_ssl=False,
        email_box_user=env["HD_IMAP_USER"],
        email_box_pass=env["HD_IMAP_PASSWORD"],
        email_box_imap_folder=env.get("HD_IMAP_FOLDER", "INBOX"),
        email_box_interval=0,
        logging_type="none",
    )


def run():
    configure()
    from django.core.management import call_command

    with open(os.path.join(HERE, "started_at"), "w") as f:
        f.write(repr(time.time()))
    call_command("get_email", quiet=True)
    with open(os.path.join(HERE, "finished_at"), "w") as f:
        f.write(repr(time.time()))


def count():
    configure()
    from helpdesk.models import FollowUp, FollowUpAttachment, Ticket

    print(
        json.dumps(
            {
                "tickets": Ticket.objects.count(),
                "followups": FollowUp.objects.count(),
                "attachments": FollowUpAttachment.objects.count(),
            }
        )
    )


if __name__ == "__main__":
    {"setup": setup, "run": run, "count": count}[sys.argv[1]]()
