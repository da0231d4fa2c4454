"""The open data's licence, stated on the page, in LICENSE.txt and in the archive zip's README."""

LICENCE_NAME = "Creative Commons Attribution 4.0 International (CC BY 4.0)"
LICENCE_CODE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
ATTRIBUTION = "هم‌اندیشی — بایگانی دفاتر امور شهری استانداری‌ها"

LICENCE_TEXT = f"""پروانه داده‌های باز هم‌اندیشی

متن‌ها و داده‌های این مجموعه (صورت‌جلسه‌ها، مصوبات، تفاهم‌نامه‌ها، تجربه‌های موفق و جدول‌های آن‌ها) با پروانه
{LICENCE_NAME} منتشر می‌شوند: {LICENCE_URL}
رونوشت، بازنشر و بازسازی آزاد است، برای هر کاری، به شرط یاد کردن از منبع: «{ATTRIBUTION}».
پیوست‌ها (اسکن‌ها و تصویرها) از آنِ پدیدآورندگان خود هستند و همان‌گونه که در صفحه‌های سایت منتشر شده‌اند آمده‌اند.

The texts and data of this set are licensed under {LICENCE_NAME}: {LICENCE_URL}
Attribution: "Hamandishi — archive of the provincial offices of urban affairs".
"""


def archive_readme(built_at_jalali):
    return (
        f"""# بایگانی هم‌اندیشی در قالب تبادل

ساخته‌شده در {built_at_jalali}. هر سند منتشرشده یک پرونده Markdown با سرآیند YAML است، در پوشه استانش، با پیوست‌هایش
کنار آن. اسناد محرمانه تفاهم‌نامه‌ها و پیش‌نویس‌ها در آن نیستند. با `manage.py import_archive` دوباره وارد می‌شود.

"""
    ) + LICENCE_TEXT
