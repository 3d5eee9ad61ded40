"""The demo's pictures, drawn in code with Pillow: nothing is downloaded, no file is shipped.

Each illustration is a flat drawing (gradient sky, shapes, soft shadows) of what a card
shows: masks, gel, pastries, knitting, a videoconference of nine… Each gets a title and a
description (its text alternative, used by ``{% cma_picture %}`` on the pages). Created
once per title (idempotent).
"""

from __future__ import annotations

import math
import random
from io import BytesIO

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFilter
from wagtail.images import get_image_model

W, H = 1200, 800
NAVY = (0, 0, 145)
RED = (182, 0, 0)
GREEN = (24, 117, 60)
OCHRE = (196, 140, 40)
CREAM = (250, 244, 232)
WHITE = (255, 255, 255)
GREY = (90, 90, 100)


def _gradient(top, bottom):
    image = Image.new("RGB", (W, H), top)
    draw = ImageDraw.Draw(image)
    for y in range(H):
        t = y / (H - 1)
        draw.line(
            [(0, y), (W, y)],
            fill=tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
        )
    return image


def _shadow(image, box, radius=40, offset=(14, 18), opacity=70):
    """A soft shadow under ``box`` (an ellipse or rounded rectangle's bounding box)."""
    layer = Image.new("L", image.size, 0)
    ImageDraw.Draw(layer).rounded_rectangle(
        [box[0] + offset[0], box[1] + offset[1], box[2] + offset[0], box[3] + offset[1]],
        radius=radius,
        fill=opacity,
    )
    layer = layer.filter(ImageFilter.GaussianBlur(18))
    image.paste((20, 20, 40), (0, 0), layer)


def _ground(draw, colour, y=600):
    draw.rectangle([0, y, W, H], fill=colour)


def draw_masks(image, draw):
    _ground(draw, (214, 196, 170))
    for n, (x, colour) in enumerate([(150, (64, 112, 180)), (470, (210, 90, 90)), (790, GREEN)]):
        y = 300 + (n % 2) * 60
        _shadow(image, (x, y, x + 260, y + 170), radius=60)
        draw.rounded_rectangle([x, y, x + 260, y + 170], radius=60, fill=colour)
        for k in range(1, 4):  # pleats
            draw.line([(x + 20, y + k * 42), (x + 240, y + k * 42)], fill=WHITE, width=4)
        for side in (x - 50, x + 250):  # ear loops
            draw.arc(
                [side, y + 10, side + 60, y + 160],
                90 if side < x else 270,
                270 if side < x else 90,
                fill=CREAM,
                width=8,
            )


def draw_gel(image, draw):
    _ground(draw, (200, 225, 235))
    for x, h, colour in [
        (260, 360, (120, 190, 230)),
        (540, 420, (90, 160, 210)),
        (820, 320, (150, 205, 235)),
    ]:
        top = 600 - h
        _shadow(image, (x, top, x + 180, 600), radius=30)
        draw.rounded_rectangle([x, top, x + 180, 600], radius=30, fill=colour)
        draw.rectangle([x + 60, top - 60, x + 120, top], fill=WHITE)  # pump
        draw.rectangle([x + 90, top - 80, x + 170, top - 60], fill=WHITE)
        draw.rounded_rectangle([x + 25, top + 80, x + 155, top + 180], radius=12, fill=WHITE)
    for _ in range(14):  # droplets
        cx, cy = random.randint(80, 1120), random.randint(60, 260)
        draw.ellipse([cx, cy, cx + 26, cy + 34], fill=(230, 245, 255))


def draw_pastries(image, draw):
    _ground(draw, (120, 72, 40), 560)
    _shadow(image, (150, 430, 1050, 700), radius=200)
    draw.ellipse([150, 430, 1050, 700], fill=WHITE)
    draw.ellipse([200, 460, 1000, 670], fill=(240, 236, 230))
    for cx in (330, 600, 870):  # tarts
        draw.ellipse([cx - 110, 450, cx + 110, 600], fill=OCHRE)
        draw.ellipse([cx - 90, 465, cx + 90, 585], fill=(200, 30, 60))
        for a in range(0, 360, 45):
            px, py = cx + 55 * math.cos(math.radians(a)), 525 + 35 * math.sin(math.radians(a))
            draw.ellipse([px - 12, py - 10, px + 12, py + 10], fill=(250, 120, 140))
    for x in (250, 700):  # croissants
        draw.chord([x, 250, x + 250, 420], 180, 360, fill=(220, 150, 60))
        for k in range(5):
            draw.line(
                [(x + 40 + k * 42, 270), (x + 30 + k * 46, 335)], fill=(170, 100, 30), width=6
            )


def draw_knitting(image, draw):
    _ground(draw, (230, 210, 225))
    for cx, cy, r, colour in [(380, 430, 190, (180, 40, 90)), (820, 470, 150, (60, 90, 170))]:
        _shadow(image, (cx - r, cy - r, cx + r, cy + r), radius=r)
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=colour)
        for k in range(-4, 5):  # strands
            draw.arc(
                [cx - r + 10, cy - r + abs(k) * 12, cx + r - 10, cy + r - abs(k) * 12],
                200 + k * 8,
                340 + k * 8,
                fill=CREAM,
                width=5,
            )
    draw.line([(520, 150), (1050, 700)], fill=(140, 100, 60), width=16)  # needles
    draw.line([(620, 120), (940, 720)], fill=(140, 100, 60), width=16)
    draw.ellipse([505, 135, 545, 175], fill=OCHRE)
    draw.ellipse([605, 105, 645, 145], fill=OCHRE)
    draw.line([(380, 620), (560, 760), (820, 620)], fill=(180, 40, 90), width=8)


def draw_videoconference(image, draw):
    _ground(draw, (200, 200, 210), 660)
    _shadow(image, (170, 110, 1030, 640), radius=24)
    draw.rounded_rectangle([170, 110, 1030, 640], radius=24, fill=(40, 40, 50))
    draw.rectangle([200, 140, 1000, 610], fill=(235, 238, 245))
    colours = [
        NAVY,
        RED,
        GREEN,
        OCHRE,
        (120, 60, 140),
        (0, 120, 130),
        (160, 80, 40),
        (60, 60, 60),
        (200, 60, 120),
    ]
    for i in range(9):  # nine participants
        col, row = i % 3, i // 3
        x0, y0 = 215 + col * 262, 155 + row * 152
        draw.rounded_rectangle([x0, y0, x0 + 248, y0 + 140], radius=10, fill=(210, 216, 230))
        draw.ellipse([x0 + 94, y0 + 22, x0 + 154, y0 + 82], fill=colours[i])
        draw.pieslice([x0 + 64, y0 + 86, x0 + 184, y0 + 206], 180, 360, fill=colours[i])
    draw.polygon([(100, 700), (1100, 700), (1040, 640), (160, 640)], fill=(70, 70, 80))


def draw_phone(image, draw):
    _ground(draw, (215, 225, 240))
    _shadow(image, (430, 150, 770, 720), radius=50)
    draw.rounded_rectangle([430, 150, 770, 720], radius=50, fill=(30, 30, 40))
    draw.rounded_rectangle([455, 200, 745, 650], radius=16, fill=(240, 244, 252))
    draw.ellipse([560, 470, 640, 550], fill=GREEN)
    for x, y, colour in [(120, 160, NAVY), (820, 260, RED), (180, 420, GREEN)]:  # speech bubbles
        _shadow(image, (x, y, x + 260, y + 130), radius=40)
        draw.rounded_rectangle([x, y, x + 260, y + 130], radius=40, fill=colour)
        for k in range(3):
            draw.line(
                [(x + 40, y + 40 + k * 25), (x + 220 - k * 40, y + 40 + k * 25)],
                fill=WHITE,
                width=8,
            )


def draw_coins(image, draw):
    _ground(draw, (225, 215, 190))
    _shadow(image, (640, 160, 1000, 640), radius=10)
    draw.rectangle([640, 160, 1000, 640], fill=WHITE)  # the form
    for k in range(7):
        draw.line(
            [(680, 220 + k * 55), (960 - (k % 3) * 60, 220 + k * 55)],
            fill=(160, 170, 190),
            width=10,
        )
    draw.rectangle([680, 580, 860, 610], fill=NAVY)
    for stack, x in enumerate((200, 400)):
        for k in range(6 + stack * 3):
            y = 600 - k * 34
            draw.ellipse(
                [x, y, x + 180, y + 60], fill=(200, 150, 30), outline=(150, 100, 10), width=4
            )


def draw_bank(image, draw):
    _ground(draw, (205, 210, 200), 640)
    _shadow(image, (220, 260, 980, 640), radius=4)
    draw.polygon([(180, 270), (600, 100), (1020, 270)], fill=(230, 230, 235))
    draw.rectangle([220, 270, 980, 300], fill=(210, 210, 218))
    for k in range(6):
        x = 260 + k * 130
        draw.rectangle([x, 300, x + 60, 600], fill=(240, 240, 245))
    draw.rectangle([200, 600, 1000, 640], fill=(210, 210, 218))
    draw.ellipse([560, 160, 640, 240], fill=OCHRE)


def draw_calendar(image, draw):
    _ground(draw, (220, 228, 220))
    _shadow(image, (180, 170, 700, 660), radius=20)
    draw.rounded_rectangle([180, 170, 700, 660], radius=20, fill=WHITE)
    draw.rounded_rectangle([180, 170, 700, 270], radius=20, fill=RED)
    for i in range(20):
        col, row = i % 5, i // 5
        colour = NAVY if i in (3, 8, 13) else (200, 205, 215)
        draw.rectangle(
            [210 + col * 96, 300 + row * 88, 270 + col * 96, 350 + row * 88], fill=colour
        )
    _shadow(image, (760, 250, 1060, 550), radius=150)
    draw.ellipse([760, 250, 1060, 550], fill=WHITE, outline=NAVY, width=14)
    draw.line([(910, 400), (910, 300)], fill=NAVY, width=12)
    draw.line([(910, 400), (990, 440)], fill=RED, width=10)


def draw_bag(image, draw):
    _ground(draw, (235, 215, 200))
    _shadow(image, (180, 300, 620, 650), radius=40)
    draw.arc([280, 160, 520, 420], 180, 360, fill=(110, 60, 30), width=22)
    draw.rounded_rectangle([180, 300, 620, 650], radius=40, fill=(170, 90, 50))
    draw.rectangle([370, 380, 430, 420], fill=OCHRE)
    for k in range(11):  # necklace
        a = math.radians(200 + k * 14)
        x, y = 880 + 190 * math.cos(a) * -1, 330 + 150 * math.sin(a) * -1
        draw.ellipse([x - 20, y - 20, x + 20, y + 20], fill=[NAVY, WHITE, RED][k % 3], outline=GREY)
    x = 770  # a fabric mask beside
    _shadow(image, (x, 470, x + 230, 610), radius=50)
    draw.rounded_rectangle([x, 470, x + 230, 610], radius=50, fill=(90, 140, 200))
    for k in (1, 2):
        draw.line([(x + 20, 470 + k * 46), (x + 210, 470 + k * 46)], fill=WHITE, width=4)


def draw_vouchers(image, draw):
    _ground(draw, (210, 225, 240))
    for x, y, colour in [(140, 200, NAVY), (420, 330, RED), (700, 180, GREEN)]:
        _shadow(image, (x, y, x + 380, y + 200), radius=16)
        draw.rounded_rectangle([x, y, x + 380, y + 200], radius=16, fill=colour)
        for k in range(8):
            draw.ellipse([x + 270, y + 8 + k * 24, x + 282, y + 20 + k * 24], fill=WHITE)
    draw.rounded_rectangle(
        [430, 600, 770, 700], radius=20, fill=(70, 70, 80)
    )  # a phone showing the platform


def draw_chart(image, draw):
    _ground(draw, (230, 232, 238), 660)
    _shadow(image, (160, 120, 1040, 640), radius=20)
    draw.rounded_rectangle([160, 120, 1040, 640], radius=20, fill=WHITE)
    heights = [180, 260, 140, 220, 320, 380]
    for k, h in enumerate(heights):
        x = 230 + k * 130
        draw.rectangle([x, 580 - h, x + 80, 580], fill=NAVY if k < 4 else GREEN)
    points = [(270 + k * 130, 560 - h - 40) for k, h in enumerate(heights)]
    draw.line(points, fill=RED, width=8)
    for x, y in points:
        draw.ellipse([x - 12, y - 12, x + 12, y + 12], fill=RED)


def draw_shop(image, draw):
    _ground(draw, (190, 190, 195), 640)
    _shadow(image, (200, 200, 1000, 640), radius=6)
    draw.rectangle([200, 200, 1000, 640], fill=(245, 240, 230))
    for k in range(10):  # awning
        draw.rectangle([200 + k * 80, 160, 280 + k * 80, 260], fill=RED if k % 2 else WHITE)
    draw.rectangle([260, 320, 560, 560], fill=(180, 215, 235))
    draw.rectangle([640, 320, 900, 640], fill=(120, 80, 50))
    draw.rounded_rectangle([300, 430, 420, 560], radius=10, fill=OCHRE)  # a bag ready to collect
    draw.arc([325, 390, 395, 460], 180, 360, fill=(120, 80, 20), width=8)


#: key → (title, description = alt text, sky top, sky bottom, drawing)
ILLUSTRATIONS = {
    "masks": (
        "Masques en tissu",
        "Trois masques en tissu colorés, posés côte à côte",
        (250, 235, 215),
        (240, 220, 200),
        draw_masks,
    ),
    "gel": (
        "Gel hydroalcoolique",
        "Trois flacons de gel hydroalcoolique à pompe",
        (225, 240, 250),
        (200, 225, 240),
        draw_gel,
    ),
    "pastries": (
        "Pâtisseries",
        "Une assiette de tartes aux fraises et deux croissants",
        (255, 236, 214),
        (245, 214, 180),
        draw_pastries,
    ),
    "knitting": (
        "Pelotes et aiguilles",
        "Deux pelotes de laine et des aiguilles à tricoter",
        (250, 232, 240),
        (238, 215, 228),
        draw_knitting,
    ),
    "videoconference": (
        "Visioconférence à neuf",
        "Un écran d'ordinateur montrant neuf participants en visioconférence",
        (225, 230, 245),
        (205, 212, 232),
        draw_videoconference,
    ),
    "phone": (
        "Un conseiller vous rappelle",
        "Un téléphone qui sonne entouré de bulles de conversation",
        (230, 238, 250),
        (210, 222, 242),
        draw_phone,
    ),
    "coins": (
        "Fonds de solidarité",
        "Des piles de pièces en euros à côté d'un formulaire",
        (250, 243, 225),
        (235, 225, 200),
        draw_coins,
    ),
    "bank": (
        "Une banque",
        "La façade à colonnes d'une banque",
        (220, 232, 245),
        (205, 218, 232),
        draw_bank,
    ),
    "calendar": (
        "Calendrier et horloge",
        "Un calendrier dont trois jours sont marqués, et une horloge",
        (235, 242, 235),
        (220, 230, 220),
        draw_calendar,
    ),
    "bag": (
        "Sacs et bijoux",
        "Un sac à main en cuir, un collier de perles et un masque en tissu",
        (250, 236, 225),
        (238, 220, 205),
        draw_bag,
    ),
    "vouchers": (
        "Bons d'achat",
        "Trois bons d'achat de 20, 30 et 40 euros",
        (230, 240, 250),
        (210, 225, 240),
        draw_vouchers,
    ),
    "chart": (
        "Plan de trésorerie",
        "Un graphique en barres de trésorerie qui remonte",
        (235, 238, 245),
        (220, 225, 235),
        draw_chart,
    ),
    "shop": (
        "Click & collect",
        "Une boutique à store rayé avec un sac prêt à être retiré",
        (225, 235, 245),
        (205, 218, 232),
        draw_shop,
    ),
}


def illustration(key: str):
    """The demo image ``key`` of :data:`ILLUSTRATIONS`, drawn and stored the first time."""
    title, description, top, bottom, draw_function = ILLUSTRATIONS[key]
    model = get_image_model()
    image = model.objects.filter(title=title).first()
    if image is not None:
        return image
    random.seed(key)  # the same drawing on every machine
    picture = _gradient(top, bottom)
    draw_function(picture, ImageDraw.Draw(picture))
    buffer = BytesIO()
    picture.save(buffer, "JPEG", quality=86, optimize=True, progressive=True)
    image = model(title=title, description=description)
    image.file = ContentFile(buffer.getvalue(), name=f"demo-{key}.jpg")
    image._set_image_file_metadata()
    image.save()
    return image
