package com.supercandles.jobs.backtest;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The backtest report read back as a document: its charts with their stated scales, its tables and
 * lists. The report is written as well-formed XML, so the JDK's parser reads it as a browser lays it out.
 */
public final class ReportPage {
    private final Node root;

    private ReportPage(Node root) {
        this.root = root;
    }

    public static ReportPage parse(String html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document d = f.newDocumentBuilder().parse(new InputSource(new StringReader(html)));
        return new ReportPage(d);
    }

    /** A part of a page (a section, a chart, a tick) to select in. */
    public static ReportPage of(Node part) {
        return new ReportPage(part);
    }

    /** The elements {@code xpath} selects under this page (or section). */
    public List<Element> all(String xpath) {
        try {
            NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, root, XPathConstants.NODESET);
            List<Element> out = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                out.add((Element) nodes.item(i));
            }
            return out;
        } catch (Exception e) {
            throw new IllegalArgumentException(xpath, e);
        }
    }

    /** An XPath test of a class among an element's classes. */
    public static String hasClass(String name) {
        return "contains(concat(' ', normalize-space(@class), ' '), ' " + name + " ')";
    }

    /** One section per (symbol, period), by its heading. */
    public Map<String, ReportPage> sections() {
        Map<String, ReportPage> out = new LinkedHashMap<>();
        for (Element s : all("//section")) {
            out.put(new ReportPage(s).all("h2").get(0).getTextContent(), new ReportPage(s));
        }
        return out;
    }

    public List<Chart> charts(String kind) {
        List<Chart> out = new ArrayList<>();
        for (Element svg : all(".//*[local-name()='svg' and @class='chart' and @data-kind='" + kind + "']")) {
            out.add(new Chart(svg));
        }
        return out;
    }

    /** The parameters table: name to value. */
    public Map<String, String> parameters() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Element row : all("//table[@class='parameters']/tr")) {
            out.put(new ReportPage(row).all("th").get(0).getTextContent(),
                    new ReportPage(row).all("td[@class='value']").get(0).getTextContent());
        }
        return out;
    }

    /** The metrics table: row label to its cells, one per strategy, in column order. */
    public Map<String, List<String>> metrics() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Element row : all(".//table[@class='metrics']/tr")) {
            List<String> cells = new ArrayList<>();
            for (Element cell : new ReportPage(row).all("th|td")) {
                cells.add(cell.getTextContent());
            }
            out.put(cells.get(0), cells.subList(1, cells.size()));
        }
        return out;
    }

    /** A chart and the scale it states. */
    public static final class Chart {
        public final Element svg;
        public final double xMin;
        public final double xMax;
        public final double yMin;
        public final double yMax;
        public final double left;
        public final double top;
        public final double width;
        public final double height;

        Chart(Element svg) {
            this.svg = svg;
            xMin = Double.parseDouble(svg.getAttribute("data-x-min"));
            xMax = Double.parseDouble(svg.getAttribute("data-x-max"));
            yMin = Double.parseDouble(svg.getAttribute("data-y-min"));
            yMax = Double.parseDouble(svg.getAttribute("data-y-max"));
            String[] plot = svg.getAttribute("data-plot").split(" ");
            left = Double.parseDouble(plot[0]);
            top = Double.parseDouble(plot[1]);
            width = Double.parseDouble(plot[2]);
            height = Double.parseDouble(plot[3]);
        }

        public ReportPage page() {
            return new ReportPage(svg);
        }

        /** The x of bar position {@code p} (bar i closes at i). */
        public double x(double p) {
            return left + width * (p - xMin) / (xMax - xMin);
        }

        /** The value at {@code y}. */
        public double value(double y) {
            return yMax - (y - top) / height * (yMax - yMin);
        }

        /** One value unit in px: the tolerance of a read-back at 2-decimal coordinates. */
        public double unitsPerPixel() {
            return (yMax - yMin) / height;
        }

        public String title(String axis) {
            List<Element> t = page().all(".//*[" + hasClass("axis-title") + " and " + hasClass(axis) + "]");
            return t.isEmpty() ? "" : t.get(0).getTextContent();
        }
    }
}
