# Generates the probe transcripts and probes.tsv. Markup: {{ID|text}} marks a probe.
import re, unicodedata, json, os
NFD = lambda s: unicodedata.normalize('NFD', s)
files = {}

files['nunez_interview.txt'] = """Title: Principal interview, spring cohort
Date: 2021-03-02
Participant: P01
Interviewer: Dr. {{J01|Evelyn Ashford}}

{{I06|Dr. Ashford}}: Thanks for joining me this afternoon. Is it all right if I record?
{{I01|""" + NFD("José Nuñez") + """}}: Yes, go ahead, that is fine with me.
Dr. Ashford: Could you tell me about your role and how long you have been an administrator?
José Nuñez: I am the principal at {{A01|LPES}} and we serve pre-K to fifth. The spirit shirts just say {{A02|L.P.E.S.}} on the front. Nine years as an administrator now. The little ones all call me Mister {{K01|Joe}} at drop-off, which I love.
Dr. Ashford: And before that?
José Nuñez: I taught fourth grade right here. When I started the office printed my badge as {{C01|josé nuñez}} in small letters, and the district directory still lists me as {{C02|JOSÉ NUÑEZ}} in capitals. The new substitute wrote {{U02|Jose Nunez}} without the accents, and the parent newsletter printed {{U01|""" + NFD("José Nuñez") + """}} with the marks. Families call me Mr. {{U03|Nunez}} mostly.
Dr. Ashford: What motivated you to take the micro-credential?
José Nuñez: Honestly the superintendent, {{K05|Priya}}, pushed all of us. She sends the memos from {{M01|jnunez@maplegrove.k12.us}} lists, I mean she copies my address on everything. My bio is still up at {{M04|www.maplegrove.k12.us/staff/nunez}} if you want the details. The state calls my building {{C04|lincoln park elementary school}} on the report card, all lowercase.
Dr. Ashford: How did your colleagues react?
José Nuñez: My assistant principal was all in. The sign-in sheet says {{C05|MARCUS THIBODEAUX}} in block letters. {{P04|Thibodeaux’s}} binder is still on my desk. I trust {{N06|Thibodeaux}}; he reads everything twice. You can reach him at {{M06|marcus.thibodeaux@gmail.com}} over the summer.
Dr. Ashford: Was there anything about the platform?
José Nuñez: The login screen kept showing my name as {{U08|Núñez}} with an extra accent. And the course forum listed the group as {{N02|(Nuñez)}} in brackets. The other principal
in my cohort, {{L01|José
Nuñez}} from the other county, we kept getting each other's mail, no relation.
Dr. Ashford: Anything else?
José Nuñez: The folder was labelled {{P03|Nuñez'}} files, with the apostrophe after. That is all from me. We had a walk in the {{X02|park}} after the last session, and the {{X07|parking}} lot at the office was full.
Dr. Ashford: Thank you so much, {{J03|Evelyn}} will send you the summary. Wait, that is me, I will send it.
"""

files['P02.txt'] = """Title: Principal interview
Date: 2021-03-05
Participant: P02
Interviewer: Prof. {{J04|Tomás Ibarra}}

T. Ibarra: Good morning, thanks for making time. May I record this conversation?
{{I02|GRACE HALE}}: Of course, go right ahead.
T. Ibarra: Tell me a little about yourself and your school.
GRACE HALE: I lead {{A04|HTMS}}, a middle school of about six hundred kids. Everybody in the building calls me {{K03|Grace}}, even the students. The nameplate on my door reads {{C03|GRACE HALE}} because the custodian likes capitals. My old mentor used to say Ms. {{N01|Hale.}} and nothing else when she was annoyed.
T. Ibarra: What motivated you to enrol?
GRACE HALE: I am {{X01|hale}} and hearty at fifty-two and still curious. You can email me at {{M03|grace.hale@riverbend.org}} or look at my posts at {{M05|https://riverbend.org/~ghale/blog}} where I wrote about it. On social media I am {{M08|@GraceHalePrincipal}} and I post reflections there.
T. Ibarra: How many hours did it take?
GRACE HALE: About twenty. The district office pinned a note that said {{P05|HALE'S}} portfolio is the model one.
The regional coordinator, {{L02|Grace
Hale}} as she wrote it on the certificate, signed off. That is my own signature, I am the coordinator too.
T. Ibarra: Did the incentives matter?
GRACE HALE: Not at all. There is a {{X03|grace}} period for the final task, which helped. The nearby {{U09|Grace Hale}} Fund paid for the substitute days.
T. Ibarra: Anything you would change?
GRACE HALE: Fewer forms. We also had to {{X06|inhale}} a lot of jargon from the {{A03|GLLI}} trainers.
T. Ibarra: Thank you. {{J05|Dr. Ibarra}} here signing off, I mean, that is me.
"""
# U09 uses a no-break space between Grace and Hale
files['P02.txt'] = files['P02.txt'].replace('{{U09|Grace Hale}}', '{{U09|Grace\u00a0Hale}}')

files['P03.txt'] = """Title: Principal interview
Date: 2021-03-09
Participant: P03
Interviewer: Dr. Evelyn Ashford

Interviewer: Thanks for joining. Is recording all right with you?
{{I07|Ms. O'Connor-Whitfield}}: Yes, that is fine.
Interviewer: Tell me about your role.
Ms. O'Connor-Whitfield: I am principal at {{S02|Cedar Ridge}}, my full name on the contract is {{H01|Siobhan O'Connor-Whitfield}} and it never fits on a form. The teachers just say {{K07|Siobhan}} in the hallway. At my last district I was still plain Mrs. {{H03|O'Connor}} before I married. The kids call me Mrs. {{H02|Whitfield}} because the first half is too long.
Interviewer: What motivated you?
Ms. O'Connor-Whitfield: My name was printed as {{H04|O’Connor-Whitfield}} with the curly mark on the certificate. The workshop leader, {{L04|Marcus
Thibodeaux}} from the next town over, recruited me for it. The trainers from the {{A06|Great Lakes Leadership Institute}} ran the launch.
Interviewer: Anything about the content?
Ms. O'Connor-Whitfield: We used a reading about {{X09|Abraham Lincoln}} and leadership that I liked. And the {{X08|Kimchi}} Fridays in our cafeteria came up as an example of student voice.
Interviewer: Thank you.
"""

files['P04.txt'] = """{{J06|Title: Interview with Dana Kim}}
Date: 2021-03-11
Participant: P04
Interviewer: Prof. Tomás Ibarra

Interviewer: Thanks for your time today. Is it all right if I record?
{{I03|Ms. Kim}}: Sure, go ahead.
Interviewer: Tell me about your school.
Ms. Kim: It is a small elementary in {{D03|Riverbend}} with about three hundred students. My first name is {{K04|Dana}} and everyone uses it. People still talk about {{P01|Kim's}} reading program from two years ago, and the newsletter called it {{P02|Kim’s}} corner. When we won the award the whole staff shouted {{N03|Kim!}} at the assembly. My address is {{M09|dkim@riverbend.org}} if you need the forms.
Interviewer: Did you work with others?
Ms. Kim: With the principal from Maple Grove, and {{U07|Tomas Ibarra}} who visited twice.
Interviewer: Thank you.
"""

files['Wójcik interview.txt'] = """Title: Principal interview
Date: 2021-03-12
Participant: P06
Interviewer: Dr. Evelyn Ashford

Interviewer: Thanks for joining me. Is it all right to record?
{{I04|Lukasz Wojcik}}: Yes, no problem at all.
Interviewer: Tell me about your role.
Lukasz Wojcik: I run the upper school at {{S01|Northgate}}. On the staff list I am {{U04|Lukasz Wojcik}} because the system drops the letters, on my passport {{U06|ŁUKASZ WÓJCIK}} in capitals, and the students write Mr. {{U05|""" + NFD("Wójcik") + """}} with the mark. My old school address was {{M07|lwojcik@northgate.edu}} and it still gets mail.
Interviewer: What motivated you?
Lukasz Wojcik: The district, {{D01|Maple Grove}}, made it part of evaluation. People here also say {{D02|maple grove}} as if it were one word. The budget line says {{A05|MGCUSD}} on every page. Before I came here I spent a year at {{A07|Lincoln Park}}, the elementary, as an intern.
Interviewer: Did colleagues help?
Lukasz Wojcik: The coach said {{N04|Wójcik—}}you will finish this. That was nice.
Interviewer: Thank you.
"""

files['P05.txt'] = """Title: Principal interview
Date: 2021-03-15
Participant: P05
Interviewer: Prof. Tomás Ibarra

Interviewer: Thanks for doing this. Can I record?
{{I05|[00:00:09] Bart}}: Yes, fine by me.
Interviewer: Tell me about yourself.
Bart: My name is Bartholomew but nobody has called me that since first grade, it is {{K02|Bart}} to everyone. The board minutes spell it {{N05|"Greenwood"}} in quotes for some reason. I lead {{S03|Northgate Academy}}.
Interviewer: What did you think of the course?
Bart: It was fine. The superintendent {{C06|raghunathan}} wrote, lowercase in her signature, that we should all finish by June.
Interviewer: Thank you.
"""
files['P05.txt'] = files['P05.txt'].replace('{{I05|[00:00:09] Bart}}', '[00:00:09] {{I05|Bart}}')

files['P07.txt'] = """Title: Principal interview
Date: 2021-03-16
Participant: P07
Interviewer: Dr. Evelyn Ashford

Interviewer: Thanks for joining. Is it all right to record?
Hannah Rose: Yes.
Interviewer: Tell me about your role.
Hannah Rose: I am an assistant head. When the head left I {{X04|rose}} to the occasion and ran the building for a term. The counsellors call me Ms. {{K08|Rose}} and the students call me {{K09|Hannah}}. We grow {{X05|Rosemary}} in the school garden.
Interviewer: What motivated you?
Hannah Rose: My colleague {{H05|Anne-Marie}} told me about it, and {{H06|Anne Marie Delacroix}} is how she signs her emails. Everyone just says {{H07|Delacroix}} in meetings.
Interviewer: Thank you.
"""

probes = []
os.makedirs('corpus', exist_ok=True)
for fname, t in files.items():
    out = ''
    pos = 0
    marks = []
    for m in re.finditer(r'\{\{(\w+)\|(.*?)\}\}', t, re.S):
        out += t[pos:m.start()]
        start = len(out)
        out += m.group(2)
        marks.append((m.group(1), start, len(out)))
        pos = m.end()
    out += t[pos:]
    for i, (pid, s, e) in enumerate(marks):
        lo = marks[i-1][2] if i else 0
        hi = marks[i+1][1] if i + 1 < len(marks) else len(out)
        pre = out[lo:s]; pre = pre[pre.rfind('\n')+1:] if '\n' in pre else pre
        post = out[e:hi]; post = post[:post.find('\n')] if '\n' in post else post
        probes.append(dict(id=pid, file=fname, text=out[s:e], pre=pre[-30:], post=post[:30]))
    with open('corpus/' + fname, 'w', encoding='utf-8') as f:
        f.write(out)
json.dump(probes, open('probes.json', 'w'), ensure_ascii=False, indent=1)
print(len(probes))
for p in probes: print(p['id'], repr(p['text']), '| pre=', repr(p['pre']), '| post=', repr(p['post']))
