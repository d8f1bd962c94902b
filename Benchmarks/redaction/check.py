import json, re, sys, sqlite3, unicodedata, subprocess
def fold(s):
    s = unicodedata.normalize('NFKD', s)
    s = ''.join(c for c in s if unicodedata.category(c) != 'Mn')
    s = s.replace('ł', 'l').replace('Ł', 'L').replace('\u00a0', ' ').replace('’', "'")
    return s.lower()
# identifying needles per probe (folded); controls have needle None -> must stay unchanged
N = {
 'J01':['ashford','evelyn'],'I06':['ashford'],'I01':['jose','nunez'],'A01':['lpes'],'A02':['l.p.e.s'],'K01':['joe'],
 'C01':['jose','nunez'],'C02':['jose','nunez'],'U02':['jose','nunez'],'U01':['jose','nunez'],'U03':['nunez'],'K05':['priya'],
 'M01':['jnunez'],'M04':['nunez','maplegrove'],'C04':['lincoln park'],'C05':['marcus','thibodeaux'],'P04':['thibodeaux'],
 'N06':['thibodeaux'],'M06':['thibodeaux','marcus'],'U08':['nunez'],'N02':['nunez'],'L01':['jose','nunez'],'P03':['nunez'],
 'J03':['evelyn'],'J04':['ibarra','tomas'],'I02':['grace','hale'],'A04':['htms'],'K03':['grace'],'C03':['grace','hale'],
 'N01':['hale'],'M03':['grace','hale'],'M05':['ghale'],'M08':['gracehale'],'P05':['hale'],'L02':['grace','hale'],'U09':['grace','hale'],
 'A03':['glli'],'J05':['ibarra'],'I07':["o'connor",'whitfield'],'H01':['siobhan',"o'connor",'whitfield'],'K07':['siobhan'],
 'H03':["o'connor"],'H02':['whitfield'],'H04':["o'connor",'whitfield'],'L04':['marcus','thibodeaux'],'A06':['great lakes','leadership institute'],
 'J06':['dana','kim'],'I03':['kim'],'D03':['riverbend'],'K04':['dana'],'P01':['kim'],'P02':['kim'],'N03':['kim'],'M09':['dkim'],
 'U07':['tomas','ibarra'],'I04':['lukasz','wojcik'],'U04':['lukasz','wojcik'],'U06':['lukasz','wojcik'],'U05':['wojcik'],
 'M07':['lwojcik'],'D01':['maple grove'],'D02':['maple grove'],'A05':['mgcusd'],'A07':['lincoln park'],'N04':['wojcik'],
 'I05':['bart'],'K02':['bart'],'N05':['greenwood'],'C06':['raghunathan'],'K08':['rose'],'K09':['hannah'],
 'S01':['northgate'],'S02':['cedar ridge'],'S03':['northgate'],'H05':['anne-marie','anne marie'],'H06':['anne','delacroix'],'H07':['delacroix'],
}
CLS = {'J':'header','I':'speaker label','A':'acronym/short org','K':'nickname/first-name-only','C':'case','U':'accents/Unicode',
       'M':'e-mail/URL','P':'possessive','N':'punctuation','L':'line break','H':'hyphenated','D':'district short form','S':'school name/short form','X':'CONTROL'}
probes = json.load(open('probes.json'))
db = sys.argv[1]
con = sqlite3.connect(db)
DOCS = [t for (t,) in con.execute('select text from document')]
docs = '\n\n'.join(DOCS)
F = fold(docs)
surv, ctl_bad, lost = [], [], []
for p in probes:
    pid = p['id']
    pre = 'Interviewer: ' if p['pre'].startswith('Interviewer: ') else p['pre'].split(': ')[-1]
    pre = re.sub(r'(?<=\S)(Dr\. |Mr\. |Mrs\. |Ms\. |Mister |Prof\. )$', '', pre)
    if ', ' in pre and len(pre.split(', ')[-1]) >= 4: pre = pre.split(', ')[-1]
    pre = pre[-18:]; post = p['post'][:18]
    # header/title/label probes: anchor to line
    fpre, fpost = fold(pre), fold(post)
    if not fpre and not fpost:  # whole-line probe (J06)
        fpre = ''
    pat = (re.escape(fpre) if fpre else r'(?:^|\n)(?:\[\d\d:\d\d:\d\d\] )?') + r'(.{0,80}?)' + (re.escape(fpost) if fpost else r'(?=\n)')
    part = re.search(r'participant: (p\d\d)', fold(open('corpus/'+p['file'],encoding='utf-8').read())).group(1)
    D = [fold(t) for t in DOCS if re.search(r'participant: '+part+r'\n', fold(t))][0]
    ms = list(re.finditer(pat, D, re.S))
    if not ms:  # the title before the name was replaced with it: drop the title from the context
        tp = fold(re.sub(r'(Dr\. |Mr\. |Mrs\. |Ms\. |Mister |Prof\. )$', '', p['pre'].split(': ')[-1]))
        tp = re.sub(r'(dr\. |mr\. |mrs\. |ms\. |mister |prof\. )$', '', fpre)
        ms = list(re.finditer(re.escape(tp) + r'(.{0,80}?)' + re.escape(fpost), D, re.S)) if tp else []
    if not ms and fpre:  # the words after were replaced with it: look at 25 characters after the context
        ms = list(re.finditer(re.escape(fpre) + r'(.{0,25})', D, re.S))
    if not ms:
        lost.append(pid); continue
    mids = [m.group(1) for m in ms]
    if pid.startswith('X'):
        if not any(fold(p['text']) == mid.strip() or fold(p['text']) in mid for mid in mids):
            ctl_bad.append((pid, p['text'], mids[0]))
        continue
    # choose the match nearest in length to the original probe text (for label probes, many lines match)
    if pid[0] in 'IJ':
        hits = [mid for mid in mids if any(n in mid for n in N[pid])]
        mid = hits[0] if hits else mids[0]
    else:
        mid = mids[0]
    left = [n for n in N[pid] if n in mid]
    if left:
        surv.append((pid, CLS[pid[0]], p['text'], ms[0].group(1) if not (pid[0] in 'IJ') else mid, left))
    else:
        pass
nprobe = sum(1 for p in probes if not p['id'].startswith('X')); nctl = len(probes) - nprobe
print(f'probes {nprobe}, controls {nctl}; survived {len(surv)}; controls wrongly replaced {len(ctl_bad)}; context not found {lost}')
for s in surv:
    print('SURVIVED', s[0], s[1], repr(s[2]), '->', repr(s[3]), 'needles', s[4])
for c in ctl_bad:
    print('CONTROL CHANGED', c)
