#!/usr/bin/env python3
"""Writes a deterministic NDJSON data set of Vietnamese news in the seed page's style.

    generate_dataset.py --articles 100000 --sections 20 --body-bytes 3000 > dataset.ndjson

The same arguments always give the same bytes (fixed seed), so runs can be compared.
Sections come first (the import needs them before the articles that name them).
"""
import argparse
import json
import random
import sys
from datetime import datetime, timedelta, timezone

WORDS = ("cải cách hành chính tuyên truyền công tác kế hoạch UBND tỉnh huyện thành phố cơ quan "
         "thông tin đại chúng nhiệm vụ chính trị địa phương chủ trương chính sách pháp luật nhà nước "
         "văn bản mới phát triển kinh tế xã hội nghị quyết chỉ thị trung ương điển hình tiên tiến sáng "
         "kiến mô hình thí điểm sở ban ngành liên thông hiện đại báo chí truyền thông cuộc thi hội thi "
         "lớp tập huấn bồi dưỡng quyền nghĩa vụ tổ chức công dân quy chế dân chủ cơ sở đồng bào dân tộc "
         "thiểu số tiếng hệ thống đài truyền thanh phối hợp thực hiện chặt chẽ kết quả năm đẩy mạnh "
         "nâng cao hiệu quả chất lượng dịch vụ công trực tuyến thủ tục giải quyết hồ sơ người dân "
         "doanh nghiệp đánh giá chỉ số hài lòng").split()

SECTION_NAMES = ["Cải cách hành chính", "Thông tin cải cách", "Kinh tế", "Xã hội", "Văn hóa", "Giáo dục",
                 "Y tế", "Nông nghiệp", "Du lịch", "Khoa học công nghệ", "Quốc phòng an ninh", "Môi trường",
                 "Thể thao", "Giao thông", "Xây dựng", "Tài chính", "Lao động việc làm", "Tư pháp",
                 "Nội vụ", "Đối ngoại", "Dân tộc", "Tôn giáo", "Thanh tra", "Công thương"]
AUTHORS = ["Quốc Tuấn", "Minh Anh", "Thu Hà", "Văn Nam", "Hồng Nhung", "Đức Thắng", "Lan Phương", "Bảo Ngọc"]
ASCII = str.maketrans("àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ",
                      "aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd")


def slug(text):
    out = "".join(c if c.isalnum() else "-" for c in text.lower().translate(ASCII))
    return "-".join(part for part in out.split("-") if part)


def sentence(rng, words):
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paragraph(rng, target_bytes):
    parts, size = [], 0
    while size < target_bytes:
        parts.append(sentence(rng, rng.randint(12, 28)))
        size += len(parts[-1].encode("utf-8")) + 1
    return " ".join(parts)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--sections", type=int, default=20)
    parser.add_argument("--body-bytes", type=int, default=3000, help="UTF-8 bytes of each body, about")
    parser.add_argument("--seed", type=int, default=2017)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    out = sys.stdout
    sections = []
    for i in range(args.sections):
        name = SECTION_NAMES[i % len(SECTION_NAMES)] + ("" if i < len(SECTION_NAMES) else f" {i}")
        sections.append(slug(name))
        line = {"kind": "section", "slug": sections[-1], "name": name, "position": i + 1}
        if i == 1:
            line["parent"] = sections[0]
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
    start = datetime(2017, 3, 15, 7, 0, tzinfo=timezone.utc)
    for n in range(1, args.articles + 1):
        title = sentence(rng, rng.randint(8, 16)).rstrip(".")
        body = "".join(f"<p>{paragraph(rng, args.body_bytes // 3 - 7)}</p>" for _ in range(3))
        published = start + timedelta(minutes=37 * n)
        line = {
            "kind": "article",
            "slug": f"{slug(title)[:150]}-{n}",
            "title": title,
            "summary": paragraph(rng, 200),
            "body": body,
            "author": rng.choice(AUTHORS),
            "section": sections[n % len(sections)],
            "tags": rng.sample(["CCHC", "tuyên truyền", "dịch vụ công", "kinh tế", "người dân", "doanh nghiệp"], 2),
            "status": "PUBLISHED",
            "publishedAt": published.astimezone(timezone(timedelta(hours=7))).isoformat(),
        }
        out.write(json.dumps(line, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
