"""Writes the Parquet benchmark's input: N rows of the sales schema (sales.md §2) as CSV.

Deterministic: the same N always gives the same bytes (a fixed-seed generator, no clock).
Usage: parquet_generate.py ROWS OUT.csv
"""
import datetime
import random
import sys

PRODUCTS = [
    ("SMURF-FIG-%03d" % i, name, price)
    for i, (name, price) in enumerate([
        ("Papa Smurf Figurine", "24.99"), ("Smurfette Figurine", "27.49"), ("Brainy Smurf Mug", "12.00"),
        ("Hefty Smurf Poster", "8.50"), ("Gargamel Plush", "31.25"), ("Azrael Keychain", "4.99"),
        ("Mushroom House Model", "89.00"), ("Smurf Village Puzzle", "19.95"), ("Jokey Gift Box", "15.75"),
        ("Clumsy Smurf Socks", "6.40"), ("Vanity Mirror", "11.10"), ("Handy Smurf Toolset", "22.30"),
        ("Greedy Cake Pan", "17.60"), ("Lazy Smurf Pillow", "13.90"), ("Baby Smurf Rattle", "9.99"),
        ("Grouchy Smurf Mug", "12.00"), ("Smurf Blue Paint", "5.55"), ("Sassette Doll", "28.80"),
        ("Clockwork Smurf", "44.44"), ("Smurf Comic Vol. 1", "14.99"),
    ], start=1)
]
PAYMENTS = ["cash", "credit", "debit", "gift_card", "mobile"]


def cents(text):
    units, frac = text.split(".")
    return int(units) * 100 + int(frac)


def money(c):
    return "%d.%02d" % (c // 100, c % 100)


def main():
    rows, path = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(20251120)
    first = datetime.date(2025, 10, 29)
    days = [(first + datetime.timedelta(days=d)).isoformat() for d in range(30)]
    with open(path, "w", newline="") as out:
        out.write("transaction_id,transaction_timestamp,item_sku,item_name,quantity,unit_price,"
                  "line_total,discount_amount,payment_method,customer_id\n")
        lines = []
        for i in range(rows):
            store = 1 + (i // 1000) % 11
            seconds = (i // 50) % (86400 * 30)
            sku, name, price = PRODUCTS[rng.randrange(20)]
            quantity = 1 + rng.randrange(5)
            total = cents(price) * quantity
            discount = total // 10 if rng.randrange(4) == 0 else 0
            day, second = divmod(seconds, 86400)
            hh, rest = divmod(second, 3600)
            mm, ss = divmod(rest, 60)
            date = days[day]
            lines.append("TXN-%04d-%s-%04d,%sT%02d:%02d:%02d.%03dZ,%s,%s,%d,%s,%s,%s,%s,CUST-%05d\n" % (
                store, date.replace("-", ""), i // 3 % 10000, date, hh, mm, ss, i % 1000, sku, name, quantity,
                price, money(total), money(discount), PAYMENTS[rng.randrange(5)], rng.randrange(100000)))
            if len(lines) == 100000:
                out.write("".join(lines))
                lines = []
        out.write("".join(lines))


if __name__ == "__main__":
    main()
