"""Writes the small synthetic seed inputs of the fuzz targets (run from
fuzz/seeds). Every input's first byte is the target's mode byte (see each
target). Nothing here comes from benchmark pages."""
import os

def put(target, name, data):
    os.makedirs(target, exist_ok=True)
    with open(os.path.join(target, name), "wb") as f:
        f.write(data)

def warc_record(kind, body, ctype, rid):
    head = (f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{rid}>\r\n"
            f"WARC-Target-URI: https://example.org/{rid}\r\nContent-Type: {ctype}\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode()
    return head + body + b"\r\n\r\n"

page = ("<html><head><meta charset=utf-8><title>Harbour reopens</title></head><body>"
        "<article><h1>Harbour reopens</h1><p>The old harbour reopened on Friday after "
        "two years of repairs, the mayor said.</p><p>\u201cIt is a good day,\u201d said "
        "Ana Ruiz, the harbour master.</p></article></body></html>").encode()
http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + page
chunked = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
           + b"%x\r\n" % len(page) + page + b"\r\n0\r\n\r\n")
req = b"GET / HTTP/1.1\r\nHost: example.org\r\n\r\n"
two = warc_record("request", req, "application/http; msgtype=request", "1") + \
      warc_record("response", http, "application/http; msgtype=response", "2")
res = warc_record("resource", page, "text/html", "3")
ch = warc_record("response", chunked, "application/http; msgtype=response", "4")
for mode in (0, 1, 2, 3, 8):
    put("warc_read", f"two-{mode}", bytes([mode]) + two)
put("warc_read", "truncated", bytes([2]) + two[:-40])
put("warc_read", "resource", bytes([0]) + res + ch)
put("warc_read", "lf-only", bytes([0]) + two.replace(b"\r\n", b"\n"))
put("warc_read", "bad-length", bytes([0]) + two.replace(b"Content-Length: 3", b"Content-Length: x3", 1))

jl = ('{"id":"a","html":"<p>One paragraph of text.</p>","url":"https://example.org/a"}\n'
      '\n{"id":7,"text":"Plain text.\\n\\nSecond paragraph."}\n'
      'not json\n{"id":"c"}\n{"html":"<p>\\u00e9t\\u00e9</p>"}').encode()
for mode in (0, 1, 2, 3, 8, 16):
    put("jsonl_read", f"lines-{mode}", bytes([mode]) + jl)
out = ('{"id":"a","source":"x","url":null,"duplicate_of":null,"article":{"text":"Some text here."}}\n'
       '{"id":"b","source":"y","error":{"kind":"io","message":"m"}}\n{"id":"c","sou').encode()
put("jsonl_read", "resume", bytes([16]) + out)

put("batch_run", "page", bytes([0]) + page)
put("batch_run", "text", bytes([4]) + b"Title\n\nFirst paragraph of the text.\n\nSecond one.\n")
put("batch_run", "warc", bytes([8]) + two)
put("batch_run", "warcgz", bytes([10]) + two + res)
put("batch_run", "jsonl", bytes([12]) + jl)
put("batch_run", "jsonl-dup", bytes([12 | 64]) + jl + b"\n" + jl)

texts = [
    "\u201cWe will win,\u201d Jane Doe said on Friday.",
    "Prime Minister John Smith said the plan was \"not enough\". He added: \u201cWe need more.\u201d",
    "\u00abNous partirons demain\u00bb, a d\u00e9clar\u00e9 Marie Dupont, ministre des affaires \u00e9trang\u00e8res.",
    "\u201eWir kommen wieder\u201c, sagte Angela Berg am Montag in Berlin.",
    "According to the United Nations, the talks will resume next week, on 3 March 2021.",
    "\u7530\u4e2d\u6c0f\u306f\u300c\u554f\u984c\u306a\u3044\u300d\u3068\u8ff0\u3079\u305f\u3002",
    "WALLACE: Is that right?\nSMITH: \"Yes,\" he said yesterday.",
    "\u201cAn open quote that never closes, said nobody",
]
for i, t in enumerate(texts):
    put("analyze_text", f"t{i}", bytes([i % 3]) + t.encode())
put("analyze_text", "published", bytes([1]) + b"2020-02-29\n" + texts[4].encode())

put("render_doc", "page", bytes([0]) + page)
put("render_doc", "page-analyze", bytes([8 | 16 | 64]) + page)
put("render_doc", "table", bytes([2]) + b"<title>T</title><h1>T</h1><table><tr><th>a|b</th><th>c</th></tr><tr><td>1</td></tr></table><ul><li>x</li><li>y</li></ul><blockquote><p>q</p></blockquote><pre>code</pre><figure><img src=a.jpg><figcaption>Cap (Photo: Z)</figcaption></figure>")
put("render_doc", "text", bytes([1 | 4]) + b"Heading\n\nA paragraph of text.\n\nShare on Facebook\n")
