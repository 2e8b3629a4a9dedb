package io.github.lmsdb.core.generate.jpa;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The first persistence unit of {@code META-INF/persistence.xml}, when the project has one: the classes it lists, whether
 * unlisted classes are excluded, and its properties (naming strategies, identifier quoting), with its {@code <validation-mode>}
 * as the {@code jakarta.persistence.validation.mode} property.
 */
public record PersistenceXml(String unit, List<String> classes, boolean excludeUnlisted, Map<String, String> properties) {
    /** The JPA setting {@code <validation-mode>} stands for. */
    public static final String VALIDATION_MODE = "jakarta.persistence.validation.mode";
    public static final PersistenceXml NONE = new PersistenceXml(null, List.of(), false, Map.of());

    public PersistenceXml {
        classes = List.copyOf(classes);
        properties = Map.copyOf(properties);
    }

    /** The file under the compiled resources, or {@link #NONE}. */
    public static PersistenceXml read(Path classes) throws IOException {
        Path file = classes.resolve("META-INF/persistence.xml");
        if (!Files.isRegularFile(file)) {
            return NONE;
        }
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = f.newDocumentBuilder().parse(file.toFile());
            NodeList units = doc.getElementsByTagName("persistence-unit");
            if (units.getLength() == 0) {
                return NONE;
            }
            Element unit = (Element) units.item(0);
            List<String> listed = new ArrayList<>();
            NodeList classNodes = unit.getElementsByTagName("class");
            for (int i = 0; i < classNodes.getLength(); i++) {
                listed.add(classNodes.item(i).getTextContent().trim());
            }
            NodeList exclude = unit.getElementsByTagName("exclude-unlisted-classes");
            // In Java SE, listed classes are the unit's classes unless exclude-unlisted-classes is false.
            boolean excludeUnlisted = !listed.isEmpty()
                    && (exclude.getLength() == 0 || !exclude.item(0).getTextContent().trim().equalsIgnoreCase("false"));
            Map<String, String> properties = new LinkedHashMap<>();
            NodeList props = unit.getElementsByTagName("property");
            for (int i = 0; i < props.getLength(); i++) {
                Element p = (Element) props.item(i);
                properties.put(p.getAttribute("name"), p.getAttribute("value"));
            }
            NodeList mode = unit.getElementsByTagName("validation-mode");
            if (mode.getLength() > 0 && !properties.containsKey(VALIDATION_MODE)) {
                // Bean Validation's DDL constraints (@NotNull, @Size...) are applied unless the unit says NONE.
                properties.put(VALIDATION_MODE, mode.item(0).getTextContent().trim());
            }
            return new PersistenceXml(unit.getAttribute("name"), listed, excludeUnlisted, properties);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException(file + " is not valid XML: " + e.getMessage(), e);
        }
    }

    public boolean present() {
        return unit != null;
    }
}
