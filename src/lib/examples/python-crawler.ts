import type { Example } from "./types";

export const pythonCrawler: Example = {
  slug: "python-crawler",
  title: "Plain Python crawler",
  description: "A small script: read seed URLs, fetch and parse pages, keep the fresh links and save a sitemap.",
  framework: "Python",
  dialect: "generic",
  code: `import json
import sys
from urllib.parse import urljoin
from urllib.request import urlopen


def read_seeds(path):
    with open(path) as f:
        return [line.strip() for line in f if line.strip()]


def fetch(url):
    with urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8", errors="replace")


def extract_links(base, html):
    links = []
    for part in html.split('href="')[1:]:
        links.append(urljoin(base, part.split('"', 1)[0]))
    return links


def is_fresh(link, seen):
    return link.startswith("http") and link not in seen


def save_sitemap(pages, path):
    with open(path, "w") as out:
        json.dump(pages, out, indent=2)


def print_summary(pages):
    print(f"crawled {len(pages)} pages")


def main():
    queue = read_seeds(sys.argv[1])
    seen = set(queue)
    pages = {}
    while queue and len(pages) < 100:
        url = queue.pop(0)
        html = fetch(url)
        pages[url] = extract_links(url, html)
        for link in pages[url]:
            if is_fresh(link, seen):
                seen.add(link)
                queue.append(link)
    save_sitemap(pages, "sitemap.json")
    print_summary(pages)


if __name__ == "__main__":
    main()
`,
};
