#!/usr/bin/env python3
"""Check `readouts add` on a folder of saved en.kremlin.ru / kremlin.ru pages.

    readouts add SAVED_DIR --out DRAFTS --json > lines.jsonl
    python3 bench/kremlin_pages.py lines.jsonl

For every page written, the truth is taken from the page's own markup by rules
independent of readouts: the title is `h1.entry-title`, the date
`time.read__published@datetime` (else the first `<time datetime>`), the text the
paragraphs from `.read__lead` to `.read__bottommeta` without the hidden person
tooltips, the "See also" box, the meta line, photos and their captions. Prints
pages, paragraph F1 (exact paragraphs), title and date accuracy, and the pages
that are not perfect. Refused pages are counted apart.
"""
import re,html,json,os,sys
def clean(t):
    t=html.unescape(re.sub(r'<[^>]+>','',t))
    return re.sub(r'[\s\u00a0\u3000\u200b]+',' ',t).strip()
def ps(seg):
    return [c for c in (clean(p) for p in re.split(r'<p[^>]*>|</p>|<br\s*/?>|<div[^>]*>|</div>|<h[1-6][^>]*>|</h[1-6]>|<li[^>]*>|</li>',seg)) if c]
lines=[json.loads(l) for l in open(sys.argv[1])]
n=0; tot=[0,0,0]; bad=[]
refused=sum(1 for l in lines if not l["written"])
for l in lines:
    if not l['written']: continue
    h=open(l['page']).read()
    m=re.search(r'class="read__published" datetime="([^"]+)"',h) or re.search(r'<time datetime="([^"]+)"',h)
    date=m.group(1)
    i=h.find('<div class="read__lead'); j=h.find('<div class="read__bottommeta')
    body=h[i:j]
    body=re.sub(r'<span class="read__tooltip.*?</span>\s*</span>\s*</span>','',body,flags=re.S)
    body=re.sub(r'<div class="read__cut.*?</div>\s*</div>\s*</div>','',body,flags=re.S)
    body=re.sub(r'<div class="read__meta">.*?</div>\s*</div>','',body,flags=re.S)
    body=re.sub(r'<figure.*?</figure>','',body,flags=re.S); body=re.sub(r'<span class="media__title.*?</span>','',body,flags=re.S)
    want=ps(body)
    title=clean(re.search(r'<h1[^>]*>(.*?)</h1>',h,re.S).group(1))
    d=open(l['written']).read()
    front,text=d.split('+++\n\n',1) if '+++\n\n' in d else (d,'')
    got=[p for p in text.strip().split('\n\n') if p]
    gt=re.search(r'^title = "(.*)"',front,re.M); gd=re.search(r'^date = "(.*?)"',front,re.M)
    left=list(want); hits=0
    for g in got:
        if g in left: left.remove(g); hits+=1
    p=hits/max(1,len(got)); r=hits/max(1,len(want)); f1=0 if p+r==0 else 2*p*r/(p+r)
    t=bool(gt) and gt.group(1).replace('\\"','"')==title; dd=bool(gd) and gd.group(1)==date
    n+=1; tot[0]+=f1; tot[1]+=t; tot[2]+=dd
    if f1<0.99 or not t or not dd: bad.append((os.path.basename(l['page']),round(f1,2),t,dd,[w[:70] for w in want if w not in got][:2],[g[:70] for g in got if g not in want][:2]))
print('refused', refused); print(n,'F1 %.3f title %.3f date %.3f'%(tot[0]/n,tot[1]/n,tot[2]/n), 'imperfect', len(bad))
for b in bad[:12]: print(b)
