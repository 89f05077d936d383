"""Write the structure tree, parent tree and PDF/UA-1 metadata into the PDF reportlab wrote.

reportlab draws the marked content (tagging.py); this adds what it cannot write itself:
/StructTreeRoot with its /ParentTree, /MarkInfo, /StructParents and /Tabs on each page, link
annotations tied to their Link elements, the outline shown on open, and an XMP packet with
dc:title and pdfuaid:part 1.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from .tagging import Node, Tagger

if TYPE_CHECKING:
    import pikepdf

_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """Text safe inside an XML element: escaped, characters XML cannot hold dropped."""
    return escape(_NOT_XML.sub("", text))


def xmp_packet(title: str, author: str, subject: str, lang: str, when: dt.datetime) -> bytes:
    stamp = when.astimezone().isoformat(timespec="seconds")
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{xml_text(title)}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{xml_text(author)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{xml_text(subject)}</rdf:li></rdf:Alt>
   </dc:description>
   <dc:language><rdf:Bag><rdf:li>{xml_text(lang)}</rdf:li></rdf:Bag></dc:language>
   <xmp:CreatorTool>Mutuality Desktop</xmp:CreatorTool>
   <xmp:CreateDate>{stamp}</xmp:CreateDate>
   <xmp:ModifyDate>{stamp}</xmp:ModifyDate>
   <xmp:MetadataDate>{stamp}</xmp:MetadataDate>
   <pdfuaid:part>1</pdfuaid:part>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>""".encode()


class _Writer:
    def __init__(self, pdf: pikepdf.Pdf, tagger: Tagger) -> None:
        from pikepdf import Name

        self.link_type = Name.Link
        self.pdf = pdf
        self.pages = [p.obj for p in pdf.pages]
        self.tagger = tagger
        self.refs: dict[int, Any] = {}  # id(Node) -> its indirect object
        self.links: list[Any] = []  # the link annotation of each recorded annotation, in order
        by_page = self._page_links()
        taken: dict[int, int] = {}
        for a in tagger.annotations:
            k = taken.get(a.page, 0)
            links = by_page.get(a.page, [])
            if k >= len(links):
                raise ValueError(f"page {a.page}: a tagged link was not drawn")
            self.links.append(links[k])
            taken[a.page] = k + 1

    def _page_links(self) -> dict[int, list[Any]]:
        out: dict[int, list[Any]] = {}
        for number, page in enumerate(self.pages, 1):
            annots = page.get("/Annots")
            if annots is not None:
                out[number] = [a for a in annots if a.get("/Subtype") == self.link_type]
        return out

    def element(self, node: Node, parent: Any) -> Any:
        from pikepdf import Array, Dictionary, Name
        d = Dictionary(Type=Name.StructElem, S=Name("/" + node.tag), P=parent)
        obj = self.pdf.make_indirect(d)
        self.refs[id(node)] = obj
        first = next((k[1] for k in node.kids if isinstance(k, tuple)), None)
        if first is not None:
            obj.Pg = self.pages[first - 1]
        kids = Array()
        for kid in node.kids:
            if isinstance(kid, Node):
                kids.append(self.element(kid, obj))
            elif kid[0] == "mcid":
                page, mcid = kid[1], kid[2]
                kids.append(
                    mcid
                    if page == first
                    else Dictionary(Type=Name.MCR, Pg=self.pages[page - 1], MCID=mcid)
                )
            else:
                kids.append(
                    Dictionary(Type=Name.OBJR, Obj=self.links[kid[2]], Pg=self.pages[kid[1] - 1])
                )
        obj.K = kids[0] if len(kids) == 1 else kids  # a bare MCID where there is one
        self._attributes(obj, node)
        return obj

    @staticmethod
    def _attributes(obj: Any, node: Node) -> None:
        from pikepdf import Array, Dictionary, Name, String
        a = node.attrs
        if "alt" in a:
            obj.Alt = String(a["alt"])
        if "bbox" in a:
            obj.A = Dictionary(O=Name.Layout, BBox=Array(a["bbox"]), Placement=Name.Block)
        if "scope" in a or "colspan" in a:
            table = Dictionary(O=Name.Table)
            if "scope" in a:
                table.Scope = Name("/" + a["scope"])
            if "colspan" in a:
                table.ColSpan = a["colspan"]
            obj.A = table
        if "lang" in a:
            obj.Lang = String(a["lang"])


def finish(
    raw: bytes, out: Path, tagger: Tagger, *, title: str, author: str, subject: str, lang: str
) -> None:
    """Add the structure and the PDF/UA metadata to the PDF in raw, and write it to out.

    pikepdf (about 0.09 s to import) is loaded here, on the first tagged build.
    """
    import pikepdf
    from pikepdf import Array, Dictionary, Name, String
    with pikepdf.open(io.BytesIO(raw)) as pdf:
        w = _Writer(pdf, tagger)
        root = pdf.Root
        tree = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
        tree.K = w.element(tagger.root, tree)
        nums = Array()
        for number, page in enumerate(w.pages, 1):
            page.StructParents = number - 1
            page.Tabs = Name.S
            nums.append(number - 1)
            nums.append(Array([w.refs[id(n)] for n in tagger.marks.get(number, [])]))
        key = len(w.pages)
        for i, annotation in enumerate(tagger.annotations):
            link = w.links[i]
            link.StructParent = key
            link.F = 4  # printed, shown: print and screen agree
            link.Contents = String(annotation.contents)
            nums.append(key)
            nums.append(w.refs[id(annotation.node)])
            key += 1
        tree.ParentTree = pdf.make_indirect(Dictionary(Nums=nums))
        tree.ParentTreeNextKey = key
        root.StructTreeRoot = tree
        root.MarkInfo = Dictionary(Marked=True)
        root.Lang = String(lang)
        root.PageMode = Name.UseOutlines
        prefs = root.get("/ViewerPreferences") or Dictionary()
        prefs.DisplayDocTitle = True
        root.ViewerPreferences = prefs
        root.Metadata = pdf.make_stream(
            xmp_packet(title, author, subject, lang, dt.datetime.now(dt.UTC)),
            Type=Name.Metadata,
            Subtype=Name.XML,
        )
        # Object streams: the ~2,000 small structure objects pack smaller; the page streams are
        # already compressed by reportlab, so qpdf does not compress them again.
        pdf.save(
            out,
            fix_metadata_version=False,
            compress_streams=False,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
        )
