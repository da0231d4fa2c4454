"""Iran's 31 provinces: Persian name, a three-letter code used in URLs and refs, capital."""

from persian.text import display_name

PROVINCES = (
    ("آذربایجان شرقی", "EAZ", "تبریز"),
    ("آذربایجان غربی", "WAZ", "ارومیه"),
    ("اردبیل", "ARD", "اردبیل"),
    ("اصفهان", "ESF", "اصفهان"),
    ("البرز", "ALB", "کرج"),
    ("ایلام", "ILM", "ایلام"),
    ("بوشهر", "BSH", "بوشهر"),
    ("تهران", "THR", "تهران"),
    ("چهارمحال و بختیاری", "CHB", "شهرکرد"),
    ("خراسان جنوبی", "SKH", "بیرجند"),
    ("خراسان رضوی", "RKH", "مشهد"),
    ("خراسان شمالی", "NKH", "بجنورد"),
    ("خوزستان", "KHZ", "اهواز"),
    ("زنجان", "ZNJ", "زنجان"),
    ("سمنان", "SMN", "سمنان"),
    ("سیستان و بلوچستان", "SBN", "زاهدان"),
    ("فارس", "FRS", "شیراز"),
    ("قزوین", "QZV", "قزوین"),
    ("قم", "QOM", "قم"),
    ("کردستان", "KRD", "سنندج"),
    ("کرمان", "KRN", "کرمان"),
    ("کرمانشاه", "KRH", "کرمانشاه"),
    ("کهگیلویه و بویراحمد", "KBA", "یاسوج"),
    ("گلستان", "GLS", "گرگان"),
    ("گیلان", "GIL", "رشت"),
    ("لرستان", "LRS", "خرم‌آباد"),
    ("مازندران", "MZN", "ساری"),
    ("مرکزی", "MKZ", "اراک"),
    ("هرمزگان", "HRZ", "بندرعباس"),
    ("همدان", "HMD", "همدان"),
    ("یزد", "YZD", "یزد"),
)


def ensure_provinces(province_model, municipality_model):
    """Create the provinces and their capitals' municipalities if missing (idempotent).

    Takes the models as arguments so the data migration can pass its historical models.
    """
    from django.utils.text import slugify

    for name, code, capital in PROVINCES:
        province, _ = province_model.objects.update_or_create(code=code, defaults={"name": name, "capital": capital})
        capital_name = display_name(capital)
        municipality_model.objects.get_or_create(
            province=province, name=capital_name, defaults={"slug": slugify(capital_name, allow_unicode=True)}
        )
