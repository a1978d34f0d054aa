import json
p='data/datapackage.json'
d=json.load(open(p))
names={r['name'] for r in d['resources']}
ID={"type":"string","constraints":{"required":True,"pattern":"[a-z0-9]+(-[a-z0-9]+)*"}}
def f(name,type="string",desc=None,**c):
    x={"name":name,"type":type}
    if desc: x["description"]=desc
    if c: x["constraints"]=c
    return x
def src_fk(field="source_id"):
    return {"fields":[field],"reference":{"resource":"sources","fields":["source_id"]}}
def res(name,title,desc,fields,pk,fks):
    return {"name":name,"path":f"{name}.csv","title":title,"description":desc,"format":"csv","mediatype":"text/csv",
            "encoding":"utf-8","schema":{"fields":fields,"primaryKey":pk,"missingValues":[""],"foreignKeys":fks,
            "$schema":"https://datapackage.org/profiles/2.0/tableschema.json"}}
PAT="[a-z0-9]+(-[a-z0-9]+)*"
new=[
 res("locations","Where each deposit and site is, and how sure",
     "One row per deposit (deposits.csv) and producing or processing site (sites.csv). `precision`: `site` (the deposit's own coordinates), `locality` (a settlement a source places it at), `raion` or `oblast` (the centre of the district or oblast a source names), `none` (no sourced point; the place is listed as unlocated). `radius_km` follows from the class or from a distance the source states (`radius_basis`).",
     [f("location_id",required=True,pattern=PAT),f("kind",required=True,enum=["deposit","site"]),
      f("precision",required=True,enum=["site","locality","raion","oblast","none"]),
      f("latitude","number","WGS 84 degrees north",minimum=44,maximum=53),f("longitude","number","WGS 84 degrees east",minimum=22,maximum=41),
      f("radius_km","number","Uncertainty radius around the point, km",minimum=0,maximum=300),f("radius_basis"),f("place","string","What the point is"),
      f("oblast"),f("location_source_id",pattern=PAT),f("location_quote"),f("coordinate_source_id",pattern=PAT),f("coordinate_quote"),f("note")],
     ["location_id"],[src_fk("location_source_id"),src_fk("coordinate_source_id")]),
 res("sites","Producing and processing sites","Mines, processing plants and metal or pigment works the reports speak of; `deposit_id` is the deposit a site works, where a source names it.",
     [f("site_id",required=True,pattern=PAT),f("name",required=True),f("activity",required=True,enum=["mining-and-processing","metal","pigment"]),
      f("material_id",required=True,pattern=PAT),f("oblast",required=True),f("deposit_id",pattern=PAT),f("operator"),f("source_id",required=True,pattern=PAT)],
     ["site_id"],[{"fields":["material_id"],"reference":{"resource":"materials","fields":["material_id"]}},
                  {"fields":["deposit_id"],"reference":{"resource":"deposits","fields":["deposit_id"]}},src_fk()]),
 res("site_figures","Capacity and output of sites","One row per figure a source gives for a site: `measure` says whether it is an output, a design or installed capacity or a target; `value_max` is the upper end of a stated range.",
     [f("figure_id",required=True,pattern="[a-z0-9-]+-[0-9]{2}"),f("site_id",required=True,pattern=PAT),
      f("measure",required=True,enum=["output","design-capacity","installed-capacity","planned-capacity","target"]),
      f("year",pattern="[0-9]{4}"),f("value","number",required=True,minimum=0),f("value_max","number",minimum=0),
      f("unit",required=True,enum=["t","t/yr","t/month"]),f("product",required=True),f("quote",required=True),f("source_id",required=True,pattern=PAT)],
     ["figure_id"],[{"fields":["site_id"],"reference":{"resource":"sites","fields":["site_id"]}},src_fk()]),
 res("ukraine_boundary","Ukraine's boundary (Natural Earth 1:50m)","The vertices of Ukraine's polygon in Natural Earth's 1:50m Admin 0 countries (public domain), ring by ring in order. The map stage uses it to tell front-line edges of the occupied area from coast and state border.",
     [f("ring","integer",required=True,minimum=1),f("point","integer",required=True,minimum=1),
      f("longitude","number",required=True,minimum=-180,maximum=180),f("latitude","number",required=True,minimum=-90,maximum=90),f("source_id",required=True,pattern=PAT)],
     ["ring","point"],[src_fk()]),
 res("ceasefire_scenarios","Ceasefire-line scenarios","Proposed lines a settlement might follow, each with its source: `rule` `current-line` (the newest snapshot's occupied area), `oblasts` (the listed oblasts in full) or `oblasts-and-current-line` (the listed oblasts in full and the current line elsewhere).",
     [f("scenario_id",required=True,pattern=PAT),f("label",required=True),f("rule",required=True,enum=["current-line","oblasts","oblasts-and-current-line"]),
      f("oblasts","string","Oblasts conceded in full, separated by ';'"),f("proposed","string","Date of the proposal",pattern="[0-9]{4}-[0-9]{2}-[0-9]{2}"),
      f("description",required=True),f("source_id",required=True,pattern=PAT),f("source_id_2",pattern=PAT)],
     ["scenario_id"],[src_fk(),src_fk("source_id_2")]),
 res("control_periods","Control status periods from daily maps","Derived by `crma map` from DeepStateMap.live's occupied-territory snapshots (no polygon is stored): per located place, runs of consecutive snapshots with the same status. `inside`: the point lies in the occupied area; `nearest_km`: the smallest distance in the period to the front line (inside) or to the occupied area (outside). Credit: DeepStateMap.live, occupied-territory layer of the dates given (archived daily by cyterat/deepstate-map-data).",
     [f("location_id",required=True,pattern=PAT),f("from",required=True,pattern="[0-9]{4}-[0-9]{2}-[0-9]{2}"),f("to",required=True,pattern="[0-9]{4}-[0-9]{2}-[0-9]{2}"),
      f("status",required=True,enum=["occupied","government-controlled","near-line"]),f("inside","boolean",required=True),
      f("snapshots","integer",required=True,minimum=1),f("nearest_km","number",minimum=0),f("source_id",required=True,pattern=PAT)],
     ["location_id","from"],[{"fields":["location_id"],"reference":{"resource":"locations","fields":["location_id"]}},src_fk()]),
]
for r in new:
    assert r['name'] not in names
# insert after 'scenarios'
idx=[i for i,r in enumerate(d['resources']) if r['name']=='scenarios'][0]+1
d['resources'][idx:idx]=new
json.dump(d,open(p,'w'),indent=2,ensure_ascii=True); open(p,'a').write('\n')
